package io.genjin.app.schedule;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background job run every {@code interval} (after each run ends) on its own daemon thread. A
 * failing run is logged and the next one comes as usual: a scan that meets a store hiccup must not
 * stop for good. That holds for any {@link Throwable}: a scheduled executor cancels a task for good
 * when it throws anything, and a {@code StackOverflowError} or an {@code AssertionError} from one bad
 * input says nothing about the next round. Not even an {@code OutOfMemoryError} is let through:
 * rethrowing it would only cancel this one schedule while the process runs on without it, quietly;
 * a JVM that is really unfit is ended by {@code -XX:+ExitOnOutOfMemoryError} (the image sets it) and
 * restarted, which is the honest answer. Closing stops it at once.
 */
public final class Repeating implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Repeating.class);
    private final ScheduledExecutorService executor;

    private Repeating(String name, Duration interval, Duration first, Runnable job) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
        long every = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            runGuarded(name, interval, job);
        }, first.toMillis(), every, TimeUnit.MILLISECONDS);
    }

    /** Runs the job once, logging whatever it throws; never throws itself. */
    public static void runGuarded(String name, Duration interval, Runnable job) {
        try {
            job.run();
        } catch (VirtualMachineError e) {
            log.error("{} failed with {}; next run in {}", name, e, interval, e);
        } catch (Throwable e) {
            log.warn("{} failed; next run in {}", name, interval, e);
        }
    }

    /** Starts {@code job} on a thread called {@code name}, first after one interval. */
    public static Repeating every(Duration interval, String name, Runnable job) {
        return new Repeating(name, interval, interval, job);
    }

    /** Starts {@code job} on a thread called {@code name}, first at once (work left by a process that died). */
    public static Repeating everyFromNow(Duration interval, String name, Runnable job) {
        return new Repeating(name, interval, Duration.ZERO, job);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
