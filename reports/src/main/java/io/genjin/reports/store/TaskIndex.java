package io.genjin.reports.store;

import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The tasks the reports count (every task not cancelled, with the fields the figures read), kept in
 * memory per assignee as the customers are ({@link Kept}), on every store. The embedded server
 * builds no non-unique index, in the process or behind {@code genjin store}, so "these users' tasks
 * due, done or escalated in a period" read the whole collection at each request: 100,000 tasks cost
 * seconds, and over the wire they queued the other requests behind them in the store process.
 */
public class TaskIndex {
    private final Kept<Map<String, List<Task>>> kept;

    public TaskIndex(MongoOperations mongo, Clock clock, Duration maxAge) {
        this.kept = new Kept<>("tasks", clock, maxAge, () -> {
            Query query = new Query();
            query.fields().include("companyId", "dueAt", "assigneeId", "status", "escalation", "closedAt");
            Map<String, List<Task>> byAssignee = new HashMap<>();
            try (Stream<Task> tasks = mongo.stream(query, Task.class)) {
                tasks.forEach(t -> {
                    if (t.assigneeId() != null && t.status() != TaskStatus.CANCELLED) {
                        byAssignee.computeIfAbsent(t.assigneeId(), k -> new ArrayList<>()).add(t);
                    }
                });
            }
            return byAssignee;
        });
    }

    /** Reads the first copy on the calling thread unless one is kept ({@link Kept#prime()}). */
    public void prime() {
        kept.prime();
    }

    /** The longest the copy served now may be behind the store ({@link Kept#staleness()}). */
    public Duration staleness() {
        return kept.staleness();
    }

    /** The longest any copy served so far may have been behind the store ({@link Kept#worstStaleness()}). */
    public Duration worstStaleness() {
        return kept.worstStaleness();
    }

    /** The tasks of these users due, closed or escalated in [from, to), cancelled ones left out. */
    public List<Task> between(Collection<String> assignees, Instant from, Instant to) {
        Map<String, List<Task>> byAssignee = kept.get().value();
        List<Task> out = new ArrayList<>();
        for (String user : assignees) {
            for (Task t : byAssignee.getOrDefault(user, List.of())) {
                if (in(t.dueAt(), from, to) || in(t.closedAt(), from, to) || in(t.escalation().escalatedAt(), from, to)) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private static boolean in(Instant at, Instant from, Instant to) {
        return at != null && !at.isBefore(from) && at.isBefore(to);
    }
}
