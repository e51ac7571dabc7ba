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
 * time, then every 10,000th), never blocking the response. A store error costs no batch: the
 * recorder writes per message, and a message's hits that could not be stored wait here and are tried
 * again with later batches; only after {@link #MAX_ATTEMPTS} tries are they counted as failed, the
 * messages named in the log. {@link #close} stops taking hits, writes everything queued (one last
 * try for waiting hits) and settles held-back clicks.
 *
 * <p>What a kill loses from memory is in the {@link HitJournal}: before it takes new hits the writer
 * folds what a stopped process left there ({@link HitRecorder#recover}). With the embedded store
 * (one process) that is everything another process wrote; with several processes on one MongoDB,
 * entries of other processes older than {@link #TAKE_OVER_AFTER}, looked for again every minute
 * (a replica that is gone leaves its entries to the others).
 */
public final class HitWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HitWriter.class);
    /** How long a batch waits to fill up once its first hit is there: nothing waits on hits being written. */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /**
     * Queued by {@link #close} so that the writer stops at once instead of at the end of its next wait
     * (lingering stops with {@code running}); whichever take finds it, {@link #process} drops it.
     */
    private static final PendingHit WAKE = new PendingHit(null, null, null);
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
    /** How often a message's failed hits are written again before they count as failed. */
    static final int MAX_ATTEMPTS = 5;
    private final List<Retry> waiting = new ArrayList<>();
    private int waitingBefore;
    /** With several processes: another's journal entries are taken over once this old (its writer is gone or stuck). */
    static final java.time.Duration TAKE_OVER_AFTER = java.time.Duration.ofMinutes(5);
    private static final long SWEEP_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private final boolean singleProcess;
    private final AtomicLong recovered = new AtomicLong();
    private volatile boolean recovering = true;
    private long lastSweep;

    /** Without a journal to recover from: tests of the writer alone. */
    public HitWriter(HitRecorder recorder, Clock clock, int capacity, int batchSize) {
        this(recorder, clock, capacity, batchSize, true);
    }

    /** {@code singleProcess}: the embedded store, where no other process can be writing hits. */
    public HitWriter(HitRecorder recorder, Clock clock, int capacity, int batchSize, boolean singleProcess) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.recorder = recorder;
        this.clock = clock;
        this.batchSize = batchSize;
        this.singleProcess = singleProcess;
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
        return new Stats(accepted.get(), dropped.get(), failed.get(), queue.size(), accepted.get() - done.get(),
                recovered.get());
    }

    /** True when every accepted hit has been written (or failed), and what a stopped process left is folded. */
    public boolean drained() {
        return !recovering && done.get() == accepted.get();
    }

    /** Folds what stopped processes left in the journal; never throws (what fails stays for the next try). */
    private void recover(boolean atStart) {
        try {
            java.time.Instant now = clock.instant();
            recovered.addAndGet(recorder.recover(now, singleProcess && atStart ? null : now.minus(TAKE_OVER_AFTER)));
        } catch (RuntimeException e) {
            log.error("tracking: hits left in the journal not recorded yet; trying again {}",
                    singleProcess ? "at the next start" : "in a minute", e);
        }
        lastSweep = System.nanoTime();
    }

    private void run() {
        recover(true);
        recovering = false;
        List<PendingHit> batch = new ArrayList<>(batchSize);
        while (running) {
            if (!singleProcess && System.nanoTime() - lastSweep > SWEEP_EVERY_NANOS) {
                recover(false);
            }
            try {
                PendingHit first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    // Linger a moment for a fuller batch: a batch costs a few store round trips
                    // whatever its size, and under load taking only what arrived during the last
                    // write makes many small batches whose fixed cost starves the endpoints of CPU.
                    long until = System.nanoTime() + LINGER_NANOS;
                    queue.drainTo(batch, batchSize - batch.size());
                    while (running && batch.size() < batchSize && System.nanoTime() < until) {
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

    /** Everything that leaves the writer's hands (written, or failed) counts as done; held-back clicks and retries do not yet. */
    private void process(List<PendingHit> batch, boolean settleAll) {
        batch.removeIf(hit -> hit == WAKE);
        int before = recorder.unsettled();
        retryFailed(settleAll);
        try {
            recorder.record(batch, clock.instant(), settleAll);
        } catch (HitRecorder.NotRecorded e) {
            keepForRetry(e);
        } catch (RuntimeException e) {
            // Not even the split write was reached (a bug, not the store): nothing of the call was stored.
            long lost = batch.size() + before - recorder.unsettled();
            failed.addAndGet(lost);
            log.error("{} tracking hits not recorded", lost, e);
        }
        int waitingAfter = waiting.stream().mapToInt(r -> r.hits().size()).sum();
        done.addAndGet(batch.size() + before - recorder.unsettled() + waitingBefore - waitingAfter);
        waitingBefore = waitingAfter;
    }

    /**
     * Hits whose message's write failed wait here and are tried again with each later batch (a store
     * hiccup passes); after {@link #MAX_ATTEMPTS} tries they are counted as failed, each message
     * named in the log.
     */
    private void retryFailed(boolean last) {
        if (waiting.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        List<Retry> due = waiting.stream().filter(r -> last || now - r.notBefore() >= 0).toList();
        waiting.removeAll(due);
        for (Retry retry : due) {
            try {
                recorder.retry(retry.hits(), clock.instant());
            } catch (HitRecorder.NotRecorded e) {
                if (retry.attempts() + 1 >= MAX_ATTEMPTS || last) {
                    giveUp(e.hits(), retry.attempts() + 1, e);
                } else {
                    waiting.add(Retry.after(e.hits(), retry.attempts() + 1));
                }
            } catch (RuntimeException e) {
                giveUp(retry.hits(), retry.attempts() + 1, e);
            }
        }
    }

    private void keepForRetry(HitRecorder.NotRecorded e) {
        log.warn("{} tracking hits of messages {} not recorded; trying again with the next batch",
                e.hits().size(), messagesOf(e.hits()), e.getCause());
        waiting.add(Retry.after(e.hits(), 0));
    }

    private void giveUp(List<PendingHit> hits, int attempts, Exception e) {
        failed.addAndGet(hits.size());
        log.error("{} tracking hits of messages {} not recorded after {} attempts", hits.size(), messagesOf(hits), attempts, e);
    }

    private static java.util.Set<String> messagesOf(List<PendingHit> hits) {
        return hits.stream().map(h -> h.token().trackedId()).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Waits 1, 2, 4, 8 s between tries: long enough for a primary election to finish. */
    private record Retry(List<PendingHit> hits, int attempts, long notBefore) {
        static Retry after(List<PendingHit> hits, int attempts) {
            return new Retry(hits, attempts, System.nanoTime() + TimeUnit.SECONDS.toNanos(1L << attempts));
        }
    }

    @Override
    public void close() {
        running = false;
        queue.offer(WAKE);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Stats stats = stats();
        log.info("tracking hit writer stopped: {} accepted, {} dropped, {} failed", stats.accepted(), stats.dropped(), stats.failed());
    }

    /**
     * Hits accepted, dropped (queue full), failed (not stored after every retry), queued now, not yet
     * written, and recorded from the journal after a stop.
     */
    public record Stats(long accepted, long dropped, long failed, long queued, long pending, long recovered) {
    }
}
