package io.genjin.store.task;

import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Marks a task done, once: when a person and a rule close it at the same moment, the first wins
 * (the store closes it atomically) and the other changes nothing. The customer's timeline says who.
 */
public class CompleteTask {
    private final CrmStore store;

    public CompleteTask(CrmStore store) {
        this.store = store;
    }

    /** @return the closed task, or empty when it was no longer open */
    public Optional<Task> complete(Task task, String reason, String actorId) {
        Instant now = store.clock().instant();
        Optional<Task> done = store.tasks().closeIfOpen(task.id(), TaskStatus.DONE, reason, now);
        done.ifPresent(t -> store.timeline().append(new Activity(Ids.newId(), t.companyId(), ActivityType.TASK, now,
                actorId, List.of(), t.title(), reason, "task-done:" + t.id(),
                Map.of("taskId", t.id(), "event", "done"), now)));
        return done;
    }
}
