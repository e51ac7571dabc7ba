package io.genjin.tracking.message;

import java.time.Instant;

/**
 * Hit counts. {@code opens} and {@code clicks} count every hit, machine or not; the human ones are
 * counted again on their own. {@code sessions} counts human reading sessions (opens more than the
 * session gap apart).
 */
public record Counters(long opens, long humanOpens, long clicks, long humanClicks, long sessions,
        Instant lastHumanOpenAt, Instant lastHitAt) {
    public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, null, null);
}
