package io.genjin.store.relay;

import java.time.Instant;
import java.util.List;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One message Genjin sent, or is trying to send, upstream for a user: from the SMTP relay or a
 * sequence. {@code key} ({@code userId}/Message-ID) is unique, so a client that retries a message
 * Genjin already delivered from its queue is answered 250 without a second delivery. The prepared
 * message (already instrumented) is kept raw under {@code rawKey} while it waits for a retry.
 *
 * @param status     QUEUED: a temporary upstream failure, retried at {@code nextAttemptAt};
 *                   SENDING: claimed by a sender until {@code leaseUntil}; SENT; FAILED: refused for good
 *                   or out of retries; CANCELLED: discarded by the user
 * @param lastReply  the upstream's last SMTP reply (code and text) or the connection error
 * @param timelineKey set from the upstream's acceptance until the sent message is known to be on the
 *                   timeline: the raw key of the message as the user wrote it, kept so that a sender
 *                   that died in between is made good by the next scan
 */
@Document("outbound_mail")
public record OutboundMail(
        String id,
        String key,
        String userId,
        String accountId,
        String messageId,
        Origin origin,
        String envelopeFrom,
        List<String> recipients,
        String subject,
        String rawKey,
        Status status,
        int attempts,
        int lastCode,
        String lastReply,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant leaseUntil,
        Instant sentAt,
        String timelineKey) {

    public OutboundMail {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    public static String keyOf(String userId, String messageId) {
        return userId + "/" + messageId;
    }

    public enum Status {
        QUEUED, SENDING, SENT, FAILED, CANCELLED
    }

    public enum Origin {
        RELAY, SEQUENCE
    }
}
