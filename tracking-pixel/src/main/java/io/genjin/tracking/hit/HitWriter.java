package io.genjin.tracking.hit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes hits from the endpoints without ever making them wait: {@link #offer} puts the hit in a
 * bounded in-memory queue and returns. One thread drains the queue in batches into the
 * {@link HitRecorder}. When the queue is full the hit is counted as dropped and logged (the first
 * time, then every 10,000th), never blocking the response. {@link #close} stops taking hits, writes
 * everything queued and settles held-back clicks.
 */
public final class HitWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HitWriter.class);
    /** How long a batch waits to fill up once its first hit is there: nothing waits on hits being written. */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private final BlockingQueue<PendingHit> queue;
    private final HitRecorder recorder;
    private final Clock clock;
    private final int batchSize;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public HitWriter(HitRecorder recorder, Clock clock, int capacity, int batchSize) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.recorder = recorder;
        this.clock = clock;
        this.batchSize = batchSize;
        this.thread = new Thread(this::run, "tracking-hit-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues the hit; false when the queue is full or the writer is closed (the hit is counted as dropped). */
    public boolean offer(PendingHit hit) {
        if (running && queue.offer(hit)) {
            accepted.incrementAndGet();
            return true;
        }
        long n = dropped.incrementAndGet();
        if (n == 1 || n % 10_000 == 0) {
            log.warn("tracking hit queue {}: {} hits dropped so far", running ? "full" : "closed", n);
        }
        return false;
    }

    public Stats stats() {
        return new Stats(accepted.get(), dropped.get(), failed.get(), queue.size(), accepted.get() - done.get());
    }

    /** True when every accepted hit has been written (or failed). */
    public boolean drained() {
        return done.get() == accepted.get();
    }

    private void run() {
        List<PendingHit> batch = new ArrayList<>(batchSize);
        while (running) {
            try {
                PendingHit first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    // Linger a moment for a fuller batch: a batch costs a few store round trips
                    // whatever its size, and under load taking only what arrived during the last
                    // write makes many small batches whose fixed cost starves the endpoints of CPU.
                    long until = System.nanoTime() + LINGER_NANOS;
                    queue.drainTo(batch, batchSize - batch.size());
                    while (batch.size() < batchSize && System.nanoTime() < until) {
                        PendingHit next = queue.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
                        if (next == null) {
                            break;
                        }
                        batch.add(next);
                        queue.drainTo(batch, batchSize - batch.size());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            process(batch, false);
            batch.clear();
        }
        do {
            queue.drainTo(batch, batchSize);
            process(batch, true);
            batch.clear();
        } while (!queue.isEmpty());
    }

    /** Everything that leaves the writer's hands (written, or failed) counts as done; held-back clicks do not yet. */
    private void process(List<PendingHit> batch, boolean settleAll) {
        int before = recorder.unsettled();
        try {
            recorder.record(batch, clock.instant(), settleAll);
        } catch (RuntimeException e) {
            long lost = batch.size() + before - recorder.unsettled();
            failed.addAndGet(lost);
            log.error("{} tracking hits not recorded", lost, e);
        }
        done.addAndGet(batch.size() + before - recorder.unsettled());
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Stats stats = stats();
        log.info("tracking hit writer stopped: {} accepted, {} dropped, {} failed", stats.accepted(), stats.dropped(), stats.failed());
    }

    /** Hits accepted, dropped (queue full), failed (the store refused the batch), queued now, and not yet written. */
    public record Stats(long accepted, long dropped, long failed, long queued, long pending) {
    }
}
