package io.genjin.followup.health;

import io.genjin.store.RecordChanges;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes a customer's health soon after its orders, payments, tasks or company record are written
 * in this process (an order recorded, a payment, a task done or re-dated, a new owner), instead of at
 * the next nightly run. Customers marked while a recompute runs wait in one set, so a burst of writes
 * (an import of orders) recomputes each customer once. It runs on its own thread, not on the writer's.
 * A recompute that fails is logged and left to the nightly run, which reads the same marks.
 */
public final class RecordsWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RecordsWatch.class);
    private final HealthEvents health;
    private final ExecutorService worker;
    private final Set<String> pending = new LinkedHashSet<>();
    private boolean scheduled;

    private RecordsWatch(HealthEvents health, ExecutorService worker) {
        this.health = health;
        this.worker = worker;
    }

    /** Listens to {@code changes}; {@link #close} stops it. */
    public static RecordsWatch start(RecordChanges changes, HealthEvents health) {
        RecordsWatch watch = new RecordsWatch(health, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "health-records");
            t.setDaemon(true);
            return t;
        }));
        changes.onMark(watch::marked);
        return watch;
    }

    private void marked(Collection<String> companyIds) {
        synchronized (pending) {
            pending.addAll(companyIds);
            if (scheduled || worker.isShutdown()) {
                return;
            }
            scheduled = true;
        }
        worker.execute(this::drain);
    }

    private void drain() {
        while (true) {
            String next;
            synchronized (pending) {
                if (pending.isEmpty()) {
                    scheduled = false;
                    return;
                }
                var first = pending.iterator();
                next = first.next();
                first.remove();
            }
            try {
                health.recordsChanged(next);
            } catch (RuntimeException e) {
                log.warn("health of customer {} not recomputed after a change of its records (the nightly run will): {}",
                        next, e.toString());
            }
        }
    }

    /** Waits until every customer marked so far is recomputed (tests, and an orderly stop). */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        while (System.nanoTime() < end) {
            synchronized (pending) {
                if (!scheduled && pending.isEmpty()) {
                    return true;
                }
            }
            Thread.sleep(5);
        }
        return false;
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
