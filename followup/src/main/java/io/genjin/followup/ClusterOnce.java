package io.genjin.followup;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * Runs a job on one replica of the cluster at a time: a lease in the store (ShedLock) that the
 * first caller takes and the others find taken. {@code atMost} frees the lease of a replica that died
 * holding it; {@code atLeast} keeps replicas whose clocks tick together from each running the same
 * round one after another.
 */
public class ClusterOnce {
    private final LockingTaskExecutor executor;

    public ClusterOnce(LockProvider leases) {
        this.executor = new DefaultLockingTaskExecutor(leases);
    }

    /** The job's result, or empty when another replica holds the lease. */
    public <T> Optional<T> run(String name, Duration atMost, Duration atLeast, Supplier<T> job) {
        try {
            LockingTaskExecutor.TaskResult<T> result = executor.executeWithLock(
                    (LockingTaskExecutor.TaskWithResult<T>) job::get, new LockConfiguration(Instant.now(), name, atMost, atLeast));
            return result.wasExecuted() ? Optional.ofNullable(result.getResult()) : Optional.empty();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(name + " failed", e);
        }
    }
}
