package io.genjin.followup.notify;

import java.time.Instant;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One message to one user, in their language; in-app it is this record, on channels it is sent as
 * {@link Delivery deliveries}. {@code key} names what it is about (a task raised, an escalation level)
 * and is unique, so a redelivered event notifies once.
 */
@Document("notifications")
public record Notification(String id, String key, String userId, Kind kind, String title, String text, String taskId,
        String companyId, String link, Instant createdAt, Instant readAt) {

    /** What the notification is about. */
    public enum Kind {
        TASK, INTENT, ESCALATION, COPY, DIGEST, DORMANT, TEST, OWNERSHIP
    }
}
