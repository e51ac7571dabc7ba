package io.genjin.followup;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job on one replica of the cluster at a time: a lease in the store (ShedLock) that the
 * first caller takes and the others find taken.
 *
 * <p>The lease is short and renewed while the job runs: it is taken for {@code heartbeat} (a minute)
 * and extended every third of that, up to {@code atMost} in all. A replica that dies holding it (a
 * crash, SIGKILL) stops renewing, so the job can run elsewhere, or after the restart, within a
 * minute, instead of waiting out {@code atMost}. {@code atLeast} keeps replicas whose clocks tick
 * together from each running the same round one after another: when the job ends sooner, the lease
 * is held until then.
 */
public class ClusterOnce implements AutoCloseable {
    /** How long a lease holds without being renewed. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(ClusterOnce.class);
    private final LockProvider leases;
    private final Duration heartbeat;
    private final ScheduledExecutorService renewer;

    public ClusterOnce(LockProvider leases) {
        this(leases, HEARTBEAT);
    }

    public ClusterOnce(LockProvider leases, Duration heartbeat) {
        this.leases = leases;
        this.heartbeat = heartbeat;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "cluster-lease");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The job's result, or empty when another replica holds the lease. */
    public <T> Optional<T> run(String name, Duration atMost, Duration atLeast, Supplier<T> job) {
        Instant started = Instant.now();
        Duration lease = heartbeat.compareTo(atMost) < 0 ? heartbeat : atMost;
        Optional<SimpleLock> taken = leases.lock(new LockConfiguration(started, name, lease, Duration.ZERO));
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        Held held = new Held(name, taken.get(), lease, started.plus(atMost));
        long every = Math.max(1, lease.toMillis() / 3);
        ScheduledFuture<?> renewal = renewer.scheduleAtFixedRate(held::renew, every, every, TimeUnit.MILLISECONDS);
        try {
            return Optional.ofNullable(job.get());
        } finally {
            renewal.cancel(false);
            held.release(started.plus(atLeast));
        }
    }

    /** Stops renewing leases (this process is going away; what it holds lapses by itself). */
    @Override
    public void close() {
        renewer.shutdownNow();
    }

    /** One lease being held: renewed until {@code giveUpAt}, then released (kept until {@code atLeast}). */
    private static final class Held {
        private final String name;
        private final Duration lease;
        private final Instant giveUpAt;
        private SimpleLock lock;

        Held(String name, SimpleLock lock, Duration lease, Instant giveUpAt) {
            this.name = name;
            this.lock = lock;
            this.lease = lease;
            this.giveUpAt = giveUpAt;
        }

        synchronized void renew() {
            Instant now = Instant.now();
            if (lock == null || !now.isBefore(giveUpAt)) {
                return;
            }
            Duration left = Duration.between(now, giveUpAt);
            try {
                lock = lock.extend(left.compareTo(lease) < 0 ? left : lease, Duration.ZERO).orElse(null);
            } catch (RuntimeException e) {
                log.warn("lease {}: renewal failed ({}); it lapses unless renewed", name, e.toString());
                return;
            }
            if (lock == null) {
                log.warn("lease {} was lost while its job runs (this process stalled longer than the lease)", name);
            }
        }

        synchronized void release(Instant holdUntil) {
            if (lock == null) {
                return;
            }
            try {
                Duration left = Duration.between(Instant.now(), holdUntil);
                if (left.isNegative() || left.isZero()) {
                    lock.unlock();
                } else {
                    // Unlocking a lease made now with atLeast = atMost = what is left keeps it until holdUntil.
                    lock.extend(left, left).ifPresent(SimpleLock::unlock);
                }
            } catch (RuntimeException e) {
                log.warn("lease {}: release failed ({}); it lapses by itself", name, e.toString());
            } finally {
                lock = null;
            }
        }
    }
}
