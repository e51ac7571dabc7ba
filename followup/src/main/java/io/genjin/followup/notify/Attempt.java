package io.genjin.followup.notify;

import java.time.Instant;

/**
 * What one attempt to send on a channel came to.
 *
 * @param status    the receiver's HTTP status, when it answered
 * @param detail    why it was not delivered: the platform's own error ({@code errcode 93000: invalid webhook url}),
 *                  the connection failure, or the refusal
 * @param nextTryAt for {@link Outcome#THROTTLED}: when the channel may be sent to again
 */
public record Attempt(Outcome outcome, Integer status, String detail, Instant nextTryAt) {

    public enum Outcome {
        /** The receiver took it (a robot answered with its success code; the mail server accepted it). */
        DELIVERED,
        /** The receiver refused it or could not be reached; {@code detail} says what it said. */
        FAILED,
        /** Genjin did not send it: the outbound guard or the https-only rule refused the address. */
        REFUSED,
        /** Not sent now: the channel had its messages for this minute. */
        THROTTLED
    }
}
