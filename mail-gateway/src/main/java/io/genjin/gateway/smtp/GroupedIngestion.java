package io.genjin.gateway.smtp;

import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import java.util.ArrayList;
import java.util.List;
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
 * commands no longer wait for each other's locks from twenty threads.
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
    private final MailIngestion pipeline;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    private record Request(RawMail mail, MailSource source, CompletableFuture<IngestResult> result) {
    }

    GroupedIngestion(MailIngestion pipeline) {
        this.pipeline = pipeline;
        this.thread = new Thread(this::run, "dropbox-ingest");
        this.thread.setDaemon(true);
    }

    GroupedIngestion start() {
        thread.start();
        return this;
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
                    continue;
                }
                group.add(first);
                take(group);
                try {
                    if (batch == null) {
                        batch = pipeline.batch();
                    }
                    ingest(batch, group);
                } catch (RuntimeException e) {
                    group.forEach(r -> r.result().completeExceptionally(e));
                    batch = closeQuietly(batch);
                }
                group.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            RuntimeException stopped = new IllegalStateException("the dropbox is stopping");
            group.forEach(r -> r.result().completeExceptionally(stopped));
            queue.forEach(r -> r.result().completeExceptionally(stopped));
            closeQuietly(batch);
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

    private static void ingest(MailIngestion.Batch batch, List<Request> group) {
        List<IngestResult> results = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            for (int k = i + 1; k < group.size() && k <= i + MailIngestion.Batch.READ_AHEAD; k++) {
                batch.ahead(group.get(k).mail(), group.get(k).source());
            }
            Request request = group.get(i);
            results.add(batch.ingest(request.mail(), request.source()));
        }
        batch.flush();
        for (int i = 0; i < group.size(); i++) {
            group.get(i).result().complete(results.get(i));
        }
    }

    private static MailIngestion.Batch closeQuietly(MailIngestion.Batch batch) {
        if (batch != null) {
            try {
                batch.close();
            } catch (RuntimeException e) {
                log.warn("dropbox ingestion batch could not be closed", e);
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
