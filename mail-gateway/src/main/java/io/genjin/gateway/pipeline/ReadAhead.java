package io.genjin.gateway.pipeline;

import io.genjin.gateway.RawMail;
import io.genjin.gateway.mime.AttachmentSink;
import io.genjin.gateway.mime.ParsedMail;
import java.io.IOException;
import java.io.InputStream;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
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
    private final Map<RawMail, Pending> pending = new IdentityHashMap<>();
    private ExecutorService worker;

    ReadAhead(Steps steps) {
        this.steps = steps;
    }

    /**
     * One message read ahead: its parse, given out as soon as it is made, and what the classifier read
     * in it. The parse is given out only when it handed nothing to its attachment sink: then it is the
     * very parse the {@link Parse} step would make (the same parser and limits; only the sink differs),
     * and that step takes it instead of parsing the message again. Otherwise it is null.
     */
    private record Pending(CompletableFuture<ParsedMail> parsed, Future<Understanding.Result> understood) {
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
        CompletableFuture<ParsedMail> parsed = new CompletableFuture<>();
        Future<Understanding.Result> understood = worker.submit(() -> understand(mail, parsed));
        pending.put(mail, new Pending(parsed, understood));
    }

    private Understanding.Result understand(RawMail mail, CompletableFuture<ParsedMail> given) throws IOException {
        ParsedMail parsed = null;
        boolean[] sunk = {false};
        try (InputStream in = mail.open()) {
            parsed = steps.parser().parse(in, (index, name, type, content) -> {
                sunk[0] = true;
                return AttachmentSink.DISCARD.accept(index, name, type, content);
            });
        } finally {
            // Given out whatever happens: the Parse step waits for it (null: it parses itself).
            given.complete(sunk[0] ? null : parsed);
        }
        return steps.understanding().understand(parsed, mail);
    }

    /** What was read ahead for this message; null when it was not, or failed (the step reads it itself). */
    Understanding.Result take(RawMail mail) {
        Pending ahead = pending.remove(mail);
        return ahead == null ? null : await(ahead.understood());
    }

    /**
     * The parse made ahead for this message when it stored nothing (no attachments); null otherwise,
     * and the {@link Parse} step parses it itself. What the classifier read stays for {@link #take}.
     */
    ParsedMail parsed(RawMail mail) {
        Pending ahead = pending.get(mail);
        return ahead == null ? null : await(ahead.parsed());
    }

    private static <T> T await(Future<T> ahead) {
        try {
            return ahead.get();
        } catch (ExecutionException | CancellationException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The message went through (or stopped early, a duplicate): what was read ahead for it is not needed. */
    void forget(RawMail mail) {
        Pending ahead = pending.remove(mail);
        if (ahead != null) {
            ahead.understood().cancel(false);
        }
    }

    @Override
    public void close() {
        pending.values().forEach(p -> p.understood().cancel(false));
        pending.clear();
        if (worker != null) {
            worker.shutdown();
            worker = null;
        }
    }
}
