package io.genjin.followup.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A token bucket per channel: {@code perMinute} tokens, refilled evenly over a minute. The robots
 * refuse more than 20 messages a minute per robot and may block a robot that keeps trying.
 */
final class TokenBuckets {
    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();
    private final int perMinute;
    private final Map<String, Bucket> buckets = new HashMap<>();

    TokenBuckets(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Takes a token: empty when one was free, otherwise when the next one will be. */
    synchronized Optional<Instant> take(String key, Instant now) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(perMinute, now));
        bucket.refill(now, perMinute);
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Optional.empty();
        }
        long nanosPerToken = MINUTE_NANOS / perMinute;
        return Optional.of(now.plusNanos((long) Math.ceil((1 - bucket.tokens) * nanosPerToken)));
    }

    private static final class Bucket {
        double tokens;
        Instant at;

        Bucket(int tokens, Instant at) {
            this.tokens = tokens;
            this.at = at;
        }

        void refill(Instant now, int perMinute) {
            if (now.isAfter(at)) {
                long nanos = Duration.between(at, now).toNanos();
                tokens = Math.min(perMinute, tokens + (double) nanos * perMinute / MINUTE_NANOS);
                at = now;
            }
        }
    }
}
