package io.genjin.reports.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read in one pass and kept, then read again in the background while the old one is still
 * served ("stale while revalidate"). A value is kept fresh for its <em>interval</em>: {@code maxAge},
 * or, when the read itself was slow, the read's own duration plus {@value #REST} times that duration
 * of rest after it ended, whichever is longer, so that a read which takes longer than {@code maxAge}
 * (100,000 customers on a busy machine) does not start again as soon as it ends. After its interval
 * a value is still served while one background thread reads the next, up to twice its interval;
 * only the first request, or one after a quiet spell longer than that, reads on its own thread. A
 * served value is therefore at most twice its interval old ({@link #staleness()}). With
 * {@code maxAge} zero every call reads (tests).
 */
public final class Kept<T> {
    /** After a read that took d, the next starts no sooner than REST × d after it ended. */
    static final int REST = 3;
    /**
     * The background reads of all copies take turns: three reads of 100,000 documents at once slowed
     * each other (and the requests beside them) on the store, over the wire most of all.
     */
    private static final Object BACKGROUND = new Object();
    private static final Logger log = LoggerFactory.getLogger(Kept.class);
    private final String name;
    private final Clock clock;
    private final Duration maxAge;
    private final Supplier<T> read;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicReference<Duration> worst = new AtomicReference<>(Duration.ZERO);
    private volatile Value<T> value;

    public Kept(String name, Clock clock, Duration maxAge, Supplier<T> read) {
        this.name = name;
        this.clock = clock;
        this.maxAge = maxAge;
        this.read = read;
    }

    /** A value, when its read began and how long the read took. */
    public record Value<T>(Instant readAt, Duration readFor, T value) {
    }

    /** How long this value counts as fresh: {@code maxAge}, or its read time × (1 + {@value #REST}) if longer. */
    private Duration interval(Value<T> v) {
        Duration throttled = v.readFor().multipliedBy(1 + REST);
        return throttled.compareTo(maxAge) > 0 ? throttled : maxAge;
    }

    /**
     * The longest the value served now may be behind the store: twice its interval (twice
     * {@code maxAge} unless its read took longer than a quarter of {@code maxAge}).
     */
    public Duration staleness() {
        Value<T> v = value;
        return v == null ? maxAge.multipliedBy(2) : interval(v).multipliedBy(2);
    }

    /** The longest {@link #staleness()} of any value served so far (at least twice {@code maxAge}). */
    public Duration worstStaleness() {
        Duration w = worst.get();
        Duration floor = maxAge.multipliedBy(2);
        return w.compareTo(floor) > 0 ? w : floor;
    }

    /**
     * Reads the first value on the calling thread (a background thread at start-up, so that no
     * request waits for it); a request that comes while it runs waits for it instead of reading a
     * second time. Does nothing when a value is kept or when every call reads ({@code maxAge} zero).
     */
    public void prime() {
        if (value != null || maxAge.isZero()) {
            return;
        }
        try {
            synchronized (this) {
                if (value == null) {
                    read();
                }
            }
        } catch (RuntimeException e) {
            log.warn("Reports: reading the {} failed; the first report reads it again", name, e);
        }
    }

    public Value<T> get() {
        Value<T> current = value;
        Instant at = clock.instant();
        if (current != null && !maxAge.isZero() && current.readAt().plus(interval(current)).isAfter(at)) {
            return current;
        }
        if (current != null && !maxAge.isZero() && current.readAt().plus(interval(current).multipliedBy(2)).isAfter(at)) {
            if (refreshing.compareAndSet(false, true)) {
                if (value != current) {
                    // A background read ended between this call's look at the value and now: that one is new.
                    refreshing.set(false);
                    return value;
                }
                Thread reader = new Thread(() -> {
                    try {
                        synchronized (BACKGROUND) {
                            read();
                        }
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
            if (current == null || maxAge.isZero() || !current.readAt().plus(interval(current)).isAfter(at)) {
                current = read();
            }
        }
        return current;
    }

    private Value<T> read() {
        Instant at = clock.instant();
        T read = this.read.get();
        Duration took = Duration.between(at, clock.instant());
        Value<T> next = new Value<>(at, took.isNegative() ? Duration.ZERO : took, read);
        synchronized (this) {
            if (value == null || !next.readAt().isBefore(value.readAt())) {
                value = next;
                Duration bound = interval(next).multipliedBy(2);
                worst.accumulateAndGet(bound, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
            return value;
        }
    }
}
