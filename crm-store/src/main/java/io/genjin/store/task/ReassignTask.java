package io.genjin.store.task;

import io.genjin.store.CrmStore;
import java.util.Map;

/**
 * Gives a task to someone else, with an audit entry. The caller has checked that the actor may
 * assign to that person.
 */
public class ReassignTask {
    private final CrmStore store;

    public ReassignTask(CrmStore store) {
        this.store = store;
    }

    public Task to(Task task, String assigneeId, String actorId) {
        if (assigneeId.equals(task.assigneeId())) {
            return task;
        }
        Task moved = store.tasks().save(task.withAssignee(assigneeId));
        store.audit().record(actorId, "task.reassigned", "task", task.id(),
                Map.of("from", String.valueOf(task.assigneeId()), "to", assigneeId));
        return moved;
    }
}
