package io.genjin.tracking.message;

import java.time.Instant;
import java.util.List;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One instrumented outbound message: who sent it to whom, the links it carries (by position, the
 * only URLs a click may lead to), and its counters. Recipients are addressed by position; the last
 * one is the sender's own copy ({@link TrackedRecipient#sender()}), so the salesperson reading the
 * sent item is never taken for the customer.
 */
@Document("tracking_messages")
public record TrackedMessage(
        String id,
        String messageId,
        String ownerId,
        String senderAddress,
        String companyId,
        boolean quote,
        String subject,
        Instant sentAt,
        List<String> links,
        List<TrackedRecipient> recipients,
        Counters counters,
        Instant createdAt) {

    public TrackedMessage {
        links = links == null ? List.of() : List.copyOf(links);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        counters = counters == null ? Counters.ZERO : counters;
    }

    public TrackedRecipient recipient(int index) {
        return index >= 0 && index < recipients.size() ? recipients.get(index) : null;
    }

    public String link(int index) {
        return index >= 0 && index < links.size() ? links.get(index) : null;
    }
}
