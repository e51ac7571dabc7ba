package io.genjin.tracking;

/**
 * How much one instrumenting call may ask for. Every recipient gets a full copy of the body (their
 * own pixel and links), so the answer grows with body × recipients: {@code maxOutputChars} bounds
 * that product, whatever the two separate limits allow.
 *
 * @param maxBodyChars   characters of HTML plus text
 * @param maxRecipients  recipients of one message (the sender's own copy not counted)
 * @param maxOutputChars characters of all copies together, the sender's included
 */
public record InstrumentLimits(int maxBodyChars, int maxRecipients, long maxOutputChars) {

    public InstrumentLimits {
        if (maxBodyChars < 1 || maxRecipients < 1 || maxOutputChars < 1) {
            throw new IllegalArgumentException("instrument limits must be at least 1");
        }
    }

    /** 2 M characters of body, 100 recipients (a common SMTP RCPT limit), 32 M characters in all. */
    public static InstrumentLimits defaults() {
        return new InstrumentLimits(2_000_000, 100, 32_000_000L);
    }
}
