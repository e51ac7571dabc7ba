package io.genjin.store.task;

import io.genjin.store.CrmStore;
import java.time.Instant;

/** Puts an open task off to a later time. */
public class SnoozeTask {
    private final CrmStore store;

    public SnoozeTask(CrmStore store) {
        this.store = store;
    }

    public Task until(Task task, Instant dueAt) {
        if (task.status() != TaskStatus.OPEN) {
            throw new io.genjin.store.Invalid("Only an open task can be snoozed.");
        }
        if (!dueAt.isAfter(store.clock().instant())) {
            throw new io.genjin.store.Invalid("A task can only be snoozed to a later time.");
        }
        return store.tasks().save(task.withDueAt(dueAt));
    }
}
