package io.genjin.classifier.bounce;

import java.util.List;

/**
 * The delivery-report reading of a message.
 *
 * @param kind what the report says; only {@link Kind#FAILED} and {@link Kind#DELAYED} are bounces
 * @param recipients failed (or delayed) recipients
 * @param originalMessageId Message-ID of the message that bounced, or empty
 */
public record Bounce(Kind kind, List<FailedRecipient> recipients, String originalMessageId) {

    public enum Kind { NONE, FAILED, DELAYED, DELIVERED, FEEDBACK }

    public static final Bounce NONE = new Bounce(Kind.NONE, List.of(), "");

    public Bounce {
        recipients = List.copyOf(recipients);
        originalMessageId = originalMessageId == null ? "" : originalMessageId;
    }

    /** A failure or delay report; delivered-DSNs and ARF feedback are reports but not bounces. */
    public boolean isBounce() {
        return kind == Kind.FAILED || kind == Kind.DELAYED;
    }

    public boolean hasHardFailure() {
        return recipients.stream().anyMatch(FailedRecipient::hard);
    }
}
