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
 * stop for good. Closing stops it at once.
 */
public final class Repeating implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Repeating.class);
    private final ScheduledExecutorService executor;

    private Repeating(String name, Duration interval, Runnable job) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
        long every = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                log.warn("{} failed; next run in {}", name, interval, e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** Starts {@code job} on a thread called {@code name}, first after one interval. */
    public static Repeating every(Duration interval, String name, Runnable job) {
        return new Repeating(name, interval, job);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
