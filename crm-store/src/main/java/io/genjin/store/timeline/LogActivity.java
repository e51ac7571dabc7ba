package io.genjin.store.timeline;

import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.task.Priority;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.task.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Logs what happened outside mail (a call, a meeting, a WhatsApp chat, a note) on a customer's
 * timeline and, when the person names a next step date, raises the follow-up task for it, assigned
 * to them. The caller has checked that the actor may see the customer.
 */
public class LogActivity {
    public static final Set<ActivityType> LOGGABLE = EnumSet.of(ActivityType.NOTE, ActivityType.CALL,
            ActivityType.MEETING, ActivityType.WHATSAPP);
    /** Clocks of phones and laptops drift; a few minutes ahead is still "now". */
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(5);
    private static final int TITLE_LENGTH = 120;
    private final CrmStore store;

    public LogActivity(CrmStore store) {
        this.store = store;
    }

    /**
     * @param occurredAt when it happened; now when null
     * @param nextStepAt when to follow up; no task when null
     * @param nextStep   what the follow-up is; the entry's title, else the start of its body, when blank
     */
    public record Entry(ActivityType type, String title, String body, Instant occurredAt, List<String> contactIds,
            Instant nextStepAt, String nextStep) {
    }

    /** The timeline line, and the follow-up task when one was asked for. */
    public record Logged(Activity activity, Task followUp) {
    }

    public Logged log(Company company, Entry entry, String actorId) {
        ActivityType type = entry.type() == null ? ActivityType.NOTE : entry.type();
        if (!LOGGABLE.contains(type)) {
            throw new io.genjin.store.Invalid("Only NOTE, CALL, MEETING and WHATSAPP can be logged by hand.");
        }
        Instant now = store.clock().instant();
        Instant at = entry.occurredAt() == null ? now : entry.occurredAt();
        if (at.isAfter(now.plus(CLOCK_SLACK))) {
            throw new io.genjin.store.Invalid("occurredAt is in the future.");
        }
        if (entry.nextStepAt() != null && !entry.nextStepAt().isAfter(now.minus(Duration.ofDays(1)))) {
            throw new io.genjin.store.Invalid("The next step date has passed.");
        }
        Activity logged = store.timeline().append(new Activity(Ids.newId(), company.id(), type, at, actorId,
                entry.contactIds(), blankToNull(entry.title()), entry.body(), null, null, now));
        if (entry.nextStepAt() == null) {
            return new Logged(logged, null);
        }
        // Without a named next step the task carries the person's own words, in whatever language they wrote.
        String title = firstOf(entry.nextStep(), entry.title(), abbreviate(entry.body()));
        Task task = store.tasks().insert(new Task(Ids.newId(), company.id(), title, entry.body(), taskType(type),
                Priority.NORMAL, entry.nextStepAt(), actorId, TaskStatus.OPEN, null, null, null, null, null, actorId, now,
                null));
        store.timeline().append(new Activity(Ids.newId(), company.id(), ActivityType.TASK, now, actorId, List.of(),
                task.title(), null, "task:" + task.id(),
                Map.of("taskId", task.id(), "event", "created", "after", logged.id()), now));
        return new Logged(logged, task);
    }

    private static TaskType taskType(ActivityType type) {
        return switch (type) {
            case CALL, WHATSAPP -> TaskType.CALL;
            case MEETING -> TaskType.MEETING;
            default -> TaskType.FOLLOW_UP;
        };
    }

    private static String firstOf(String... texts) {
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                return text.trim();
            }
        }
        return null;
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return null;
        }
        String line = body.strip().lines().findFirst().orElse("");
        return line.length() <= TITLE_LENGTH ? line : line.substring(0, TITLE_LENGTH - 1) + "…";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
