package io.genjin.store.task;

import java.time.Instant;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A to-do for a salesperson. {@code originRule} names the follow-up rule that raised it (null for
 * a task made by hand); {@code dedupeKey} (rule × customer × period) is unique, so a rule that fires
 * twice creates one task.
 */
@Document("tasks")
public record Task(
        String id,
        String companyId,
        String title,
        String notes,
        TaskType type,
        Priority priority,
        Instant dueAt,
        String assigneeId,
        TaskStatus status,
        String originRule,
        String dedupeKey,
        Escalation escalation,
        Instant closedAt,
        String closedReason,
        String createdBy,
        Instant createdAt,
        @Version Long version) {

    public Task {
        type = type == null ? TaskType.FOLLOW_UP : type;
        priority = priority == null ? Priority.NORMAL : priority;
        status = status == null ? TaskStatus.OPEN : status;
        escalation = escalation == null ? Escalation.NONE : escalation;
    }

    public boolean overdue(Instant now) {
        return status == TaskStatus.OPEN && dueAt != null && dueAt.isBefore(now);
    }

    public Task closed(TaskStatus closedStatus, String reason, Instant at) {
        return new Task(id, companyId, title, notes, type, priority, dueAt, assigneeId, closedStatus, originRule,
                dedupeKey, escalation, at, reason, createdBy, createdAt, version);
    }

    public Task withDueAt(Instant newDueAt) {
        return new Task(id, companyId, title, notes, type, priority, newDueAt, assigneeId, status, originRule,
                dedupeKey, escalation, closedAt, closedReason, createdBy, createdAt, version);
    }

    public Task withAssignee(String newAssigneeId) {
        return new Task(id, companyId, title, notes, type, priority, dueAt, newAssigneeId, status, originRule,
                dedupeKey, escalation, closedAt, closedReason, createdBy, createdAt, version);
    }
}
