package io.genjin.followup.notify;

import java.time.Instant;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One notification sent (or being sent) on one channel: the delivery log. Unique per notification
 * and channel, so enqueueing twice sends once.
 */
@Document("notification_deliveries")
public record Delivery(String id, String notificationId, String channelId, ChannelKind kind, String userId,
        String target, Status status, int attempts, Integer lastStatus, String lastError, Instant createdAt,
        Instant nextAttemptAt, Instant sentAt) {

    /** PENDING until sent, or FAILED after the last attempt. */
    public enum Status {
        PENDING, SENT, FAILED
    }
}
