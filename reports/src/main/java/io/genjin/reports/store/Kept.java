package io.genjin.reports.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read in one pass and kept for {@code maxAge}, then read again in the background while
 * the old one is still served ("stale while revalidate"): a request never waits for the read while
 * a value younger than twice {@code maxAge} exists. Only the first request, or one after a quiet
 * spell longer than twice {@code maxAge}, reads on its own thread. A served value is therefore at
 * most {@code 2 × maxAge} old (in steady use, {@code maxAge} plus one read). With {@code maxAge}
 * zero every call reads (tests).
 */
public final class Kept<T> {
    private static final Logger log = LoggerFactory.getLogger(Kept.class);
    private final String name;
    private final Clock clock;
    private final Duration maxAge;
    private final Supplier<T> read;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Value<T> value;

    public Kept(String name, Clock clock, Duration maxAge, Supplier<T> read) {
        this.name = name;
        this.clock = clock;
        this.maxAge = maxAge;
        this.read = read;
    }

    /** A value and when its read began. */
    public record Value<T>(Instant readAt, T value) {
    }

    /** The longest a served value may be behind the store: twice {@code maxAge}. */
    public Duration staleness() {
        return maxAge.multipliedBy(2);
    }

    public Value<T> get() {
        Value<T> current = value;
        Instant at = clock.instant();
        if (current != null && current.readAt().plus(maxAge).isAfter(at)) {
            return current;
        }
        if (current != null && !maxAge.isZero() && current.readAt().plus(staleness()).isAfter(at)) {
            if (refreshing.compareAndSet(false, true)) {
                Thread reader = new Thread(() -> {
                    try {
                        read();
                    } catch (RuntimeException e) {
                        log.warn("Reports: reading the {} failed; the previous copy stays", name, e);
                    } finally {
                        refreshing.set(false);
                    }
                }, "report-" + name);
                reader.setDaemon(true);
                reader.start();
            }
            return current;
        }
        synchronized (this) {
            current = value;
            if (current == null || !current.readAt().plus(maxAge).isAfter(at)) {
                current = read();
            }
        }
        return current;
    }

    private Value<T> read() {
        Instant at = clock.instant();
        Value<T> next = new Value<>(at, read.get());
        synchronized (this) {
            if (value == null || !next.readAt().isBefore(value.readAt())) {
                value = next;
            }
            return value;
        }
    }
}
