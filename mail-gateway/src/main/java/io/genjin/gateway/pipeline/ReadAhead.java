package io.genjin.gateway.pipeline;

import io.genjin.gateway.RawMail;
import io.genjin.gateway.mime.AttachmentSink;
import io.genjin.gateway.mime.ParsedMail;
import java.io.IOException;
import java.io.InputStream;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A batch's second core: while one message is linked and stored (in order, on the caller's thread),
 * the next one is parsed and classified on a thread of its own. What the classifier reads depends on
 * the message alone (its parse, and for a delivery report its raw), so reading it ahead gives the
 * {@link Understand} step the same answer it would have worked out itself; nothing is stored from
 * here (attachments are discarded in this parse; the {@link Parse} step stores them). At most
 * {@link #AHEAD} messages are read ahead; one that failed here is read again by the step, which then
 * fails or not as it always did.
 */
final class ReadAhead implements AutoCloseable {
    static final int AHEAD = 2;
    private final Steps steps;
    private final Map<RawMail, Future<Understanding.Result>> pending = new IdentityHashMap<>();
    private ExecutorService worker;

    ReadAhead(Steps steps) {
        this.steps = steps;
    }

    /** The message that will be ingested after the current one. */
    void start(RawMail mail) {
        if (pending.size() >= AHEAD || pending.containsKey(mail)) {
            return;
        }
        if (worker == null) {
            worker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "ingest-read-ahead");
                t.setDaemon(true);
                return t;
            });
        }
        pending.put(mail, worker.submit(() -> understand(mail)));
    }

    private Understanding.Result understand(RawMail mail) throws IOException {
        ParsedMail parsed;
        try (InputStream in = mail.open()) {
            parsed = steps.parser().parse(in, AttachmentSink.DISCARD);
        }
        return steps.understanding().understand(parsed, mail);
    }

    /** What was read ahead for this message; null when it was not, or failed (the step reads it itself). */
    Understanding.Result take(RawMail mail) {
        Future<Understanding.Result> ahead = pending.remove(mail);
        if (ahead == null) {
            return null;
        }
        try {
            return ahead.get();
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The message went through (or stopped early, a duplicate): what was read ahead for it is not needed. */
    void forget(RawMail mail) {
        Future<Understanding.Result> ahead = pending.remove(mail);
        if (ahead != null) {
            ahead.cancel(false);
        }
    }

    @Override
    public void close() {
        pending.values().forEach(f -> f.cancel(false));
        pending.clear();
        if (worker != null) {
            worker.shutdown();
            worker = null;
        }
    }
}
