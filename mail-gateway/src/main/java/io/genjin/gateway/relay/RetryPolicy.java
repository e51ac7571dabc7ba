package io.genjin.gateway.relay;

import java.time.Duration;
import java.util.List;

/**
 * When the retry queue tries a temporarily refused message again: after each delay in turn, then
 * it gives up and marks it FAILED (reported in the API). The default spans about a day, which is
 * how long a salesperson would wait before sending the mail some other way.
 */
public record RetryPolicy(List<Duration> delays, Duration lease) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
            Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(8)), Duration.ofMinutes(5));

    public RetryPolicy {
        delays = List.copyOf(delays);
        if (delays.isEmpty() || delays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("retry delays must be positive, and at least one");
        }
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("the delivery lease must be positive");
        }
    }

    /** The delay before the next attempt after {@code attempts} failed ones, or null when out of retries. */
    Duration after(int attempts) {
        return attempts < delays.size() ? delays.get(attempts) : null;
    }
}
