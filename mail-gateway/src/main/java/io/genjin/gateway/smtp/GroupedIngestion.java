package io.genjin.gateway.smtp;

import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dropbox's sessions ingest through one thread: the messages that wait at a moment (up to
 * {@link #GROUP} of them, and {@link #GROUP_BYTES} of raw) go through the pipeline as part of one
 * long-lived {@link MailIngestion.Batch}, in the order they came, the next ones read ahead on the
 * batch's second thread; then one {@link MailIngestion.Batch#flush()} makes them all durable, their
 * events and "published" marks written together, and only then is each session given its own result
 * (and answers 250). So a message is still durable before its 250, as with one flush per message,
 * but a group pays one commit, one outbox write and one mark for all its messages, and the store's
 * commands no longer wait for each other's locks from twenty threads. With a {@link DropboxJournal}
 * (the embedded store) the group is made durable there instead: its events are written
 * ({@link MailIngestion.Batch#publish()}), its messages appended to the journal and synced, and the
 * store is flushed at a checkpoint every so often, after which the journal's older files go.
 *
 * <p>When the pipeline throws (the store unreachable) every session of the group gets the exception
 * (and answers 451): nothing of the group was acknowledged, and a client's retry finds whatever was
 * stored half-way unfinished and completes it (ingestion is idempotent). The batch is then closed and
 * the next group starts a new one.
 */
final class GroupedIngestion implements MailIngestion, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupedIngestion.class);
    /** At most this many messages a group: each session waits for its whole group's flush. */
    static final int GROUP = 64;
    /** At most this much raw a group (beyond its first message). */
    static final long GROUP_BYTES = MailIngestion.Batch.READ_AHEAD_BYTES;
    /**
     * With a journal, the store is made durable (a checkpoint) once the journal holds this much, or mail of
     * {@link #checkpointNanos}, and once no mail came for {@link #IDLE_NANOS}: the journal then stays
     * small, and so does what a start after a crash ingests again.
     */
    static final long CHECKPOINT_BYTES = 64L * 1024 * 1024;
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final MailIngestion pipeline;
    /** Null: each group's flush makes the store durable itself. */
    private final DropboxJournal journal;
    private final long checkpointNanos;
    private long lastMail = System.nanoTime();
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    private record Request(RawMail mail, MailSource source, CompletableFuture<IngestResult> result) {
    }

    GroupedIngestion(MailIngestion pipeline) {
        this(pipeline, null, 0);
    }

    GroupedIngestion(MailIngestion pipeline, DropboxJournal journal, long checkpointNanos) {
        this.pipeline = pipeline;
        this.journal = journal;
        this.checkpointNanos = checkpointNanos;
        this.thread = new Thread(this::run, "dropbox-ingest");
        this.thread.setDaemon(true);
    }

    /** Ingests again what the journal holds from before the last stop, then starts taking the sessions' mail. */
    GroupedIngestion start() {
        if (journal != null) {
            replayJournal();
        }
        thread.start();
        return this;
    }

    /**
     * What the journal holds from before the last stop (acknowledged, perhaps not in the store), ingested
     * again in one batch and made durable; then the files go. A failure stops the start: the messages stay
     * in the journal for the next one.
     */
    private void replayJournal() {
        try {
            Map<IngestResult.Outcome, Integer> outcomes = journal.checkpoint(() -> {
                Map<IngestResult.Outcome, Integer> counted = new EnumMap<>(IngestResult.Outcome.class);
                List<DropboxJournal.Entry> left = journal.leftOver();
                try (MailIngestion.Batch batch = left.isEmpty() ? null : pipeline.batch()) {
                    for (DropboxJournal.Entry entry : left) {
                        counted.merge(batch.ingest(entry.raw(), entry.source()).outcome(), 1, Integer::sum);
                    }
                }
                return counted;
            });
            int read = outcomes.values().stream().mapToInt(Integer::intValue).sum();
            if (read > 0) {
                int stored = outcomes.getOrDefault(IngestResult.Outcome.STORED, 0);
                int duplicates = outcomes.getOrDefault(IngestResult.Outcome.DUPLICATE, 0);
                log.info("SMTP dropbox: {} messages acknowledged before the last stop read again from its journal: {} stored now, "
                        + "{} already stored, {} otherwise (failed ones wait for replay)", read, stored, duplicates,
                        read - stored - duplicates);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the SMTP dropbox cannot read its journal in " + journal.dir(), e);
        }
    }

    /** Waits for this message's group to be ingested and flushed; throws what the pipeline threw. */
    @Override
    public IngestResult ingest(RawMail mail, MailSource source) {
        Request request = new Request(mail, source, new CompletableFuture<>());
        if (closed) {
            throw new IllegalStateException("the dropbox is stopping");
        }
        queue.add(request);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return request.result().get(1, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    if (!thread.isAlive() && queue.remove(request)) {
                        throw new IllegalStateException("the dropbox is stopping");
                    }
                } catch (InterruptedException e) {
                    // Waited for still: the message's bytes must stay with the session until the pipeline is done with them.
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        MailIngestion.Batch batch = null;
        List<Request> group = new ArrayList<>(GROUP);
        try {
            while (!closed || !queue.isEmpty()) {
                Request first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    checkpoint(batch, System.nanoTime() - lastMail >= IDLE_NANOS);
                    continue;
                }
                lastMail = System.nanoTime();
                group.add(first);
                take(group);
                try {
                    if (batch == null) {
                        batch = pipeline.batch();
                    }
                    ingest(batch, group);
                    checkpoint(batch, false);
                } catch (RuntimeException e) {
                    group.forEach(r -> r.result().completeExceptionally(e));
                    closeQuietly(batch);
                    batch = null;
                }
                group.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            RuntimeException stopped = new IllegalStateException("the dropbox is stopping");
            group.forEach(r -> r.result().completeExceptionally(stopped));
            queue.forEach(r -> r.result().completeExceptionally(stopped));
            finish(batch);
        }
    }

    /** Closes the batch (durable) and, when that worked, lets the journal's files go: a clean stop leaves none. */
    private void finish(MailIngestion.Batch batch) {
        if (journal != null && batch != null) {
            checkpointQuietly(batch::close);
        } else {
            closeQuietly(batch);
        }
        if (journal != null) {
            try {
                journal.close();
            } catch (java.io.IOException e) {
                log.warn("the dropbox journal could not be closed; its messages are read again at the next start", e);
            }
        }
    }

    /** Adds to {@code group} what waits, up to the group's bounds. */
    private void take(List<Request> group) {
        long bytes = 0;
        for (Request next; group.size() < GROUP && (next = queue.peek()) != null; ) {
            bytes += Math.max(0, next.mail().size());
            if (bytes > GROUP_BYTES) {
                return;
            }
            group.add(queue.poll());
        }
    }

    private void ingest(MailIngestion.Batch batch, List<Request> group) {
        List<IngestResult> results = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            for (int k = i + 1; k < group.size() && k <= i + MailIngestion.Batch.READ_AHEAD; k++) {
                batch.ahead(group.get(k).mail(), group.get(k).source());
            }
            Request request = group.get(i);
            results.add(batch.ingest(request.mail(), request.source()));
        }
        if (journal == null) {
            batch.flush();
        } else {
            batch.publish();
            List<DropboxJournal.Entry> entries = new ArrayList<>(group.size());
            for (Request request : group) {
                entries.add(new DropboxJournal.Entry(request.source(), request.mail()));
            }
            try {
                journal.append(entries);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("the dropbox journal could not be written in " + journal.dir(), e);
            }
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).result().complete(results.get(i));
        }
    }

    /**
     * Makes the store durable and lets the journal's files go, when they are due ({@link #CHECKPOINT_BYTES},
     * {@link #checkpointNanos}) or, {@code idle}, whenever the journal holds anything. The files named
     * before the flush hold only messages the store had before it, so the flush covers them.
     */
    private void checkpoint(MailIngestion.Batch batch, boolean idle) {
        if (journal == null || batch == null || !journal.due(idle, CHECKPOINT_BYTES, checkpointNanos)) {
            return;
        }
        checkpointQuietly(batch::flush);
    }

    /** A checkpoint made durable by {@code makeDurable}; when it fails the files stay, for the next checkpoint or start. */
    private void checkpointQuietly(Runnable makeDurable) {
        try {
            journal.checkpoint(() -> {
                makeDurable.run();
                return null;
            });
        } catch (java.io.IOException | RuntimeException e) {
            log.warn("dropbox checkpoint failed; the journal keeps its messages", e);
        }
    }

    /** Closes the batch; returns null, or what closing it threw (logged). */
    private static RuntimeException closeQuietly(MailIngestion.Batch batch) {
        if (batch != null) {
            try {
                batch.close();
            } catch (RuntimeException e) {
                log.warn("dropbox ingestion batch could not be closed", e);
                return e;
            }
        }
        return null;
    }

    /** How many messages wait for the next group (their sessions wait for their reply). */
    int waiting() {
        return queue.size();
    }

    /** Ingests what was queued before, then stops the thread; later messages are refused (451). */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
