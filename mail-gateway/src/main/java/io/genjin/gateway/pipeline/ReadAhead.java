package io.genjin.gateway.pipeline;

import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.RawKeys;
import io.genjin.gateway.RawMail;
import io.genjin.gateway.mime.AttachmentSink;
import io.genjin.gateway.mime.ParsedMail;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A batch's second core: while one message is linked and stored (in order, on the caller's thread),
 * the next one is kept, parsed and classified on a thread of its own. What the classifier reads
 * depends on the message alone (its parse, and for a delivery report its raw), so reading it ahead
 * gives the {@link Understand} step the same answer it would have worked out itself. The one thing
 * stored from here is the raw, under the key its bytes alone decide (SHA-256, for {@link KeepRaw}:
 * keeping it again is "already kept"), so a message read ahead and then not ingested (the batch
 * died) leaves what a crash right after {@link KeepRaw} would. Its headers are read here as
 * {@link Deduplicate} reads them. Attachments are held in memory for the {@link Parse} step, which
 * stores them: their keys name the Message-ID, and a duplicate or a loop stops before that step. At
 * most {@link #AHEAD} messages, and {@link #AHEAD_RAW_BYTES} of them, are read ahead (several, so
 * that a slow message on either thread does not leave the other waiting); one that failed here is
 * done again by the steps, which then fail or not as they always did. The caller's thread, when it
 * would wait for a reading not yet done, runs the next queued reading itself (see {@link #await}):
 * the same task on another thread, so the same answers.
 */
final class ReadAhead implements AutoCloseable {
    /** The messages named ahead, and the one being ingested (named ahead before its turn). */
    static final int AHEAD = MailIngestion.Batch.READ_AHEAD + 1;
    private final Steps steps;
    private final Map<RawMail, Pending> pending = new IdentityHashMap<>();
    private ThreadPoolExecutor worker;
    private long pendingRawBytes;

    ReadAhead(Steps steps) {
        this.steps = steps;
    }

    /**
     * One message read ahead: its parse, given out as soon as it is made, and what the classifier read
     * in it. The parse is made with a sink that keeps the attachments' content in memory (up to
     * {@link #ATTACHMENTS_HELD} bytes a message) and names each by a stand-in id; the {@link Parse}
     * step stores them under their real keys and puts the ids storing gave in the parse (the same
     * parser and limits, the same content handed to the store in the same order: the parse the step
     * would have made). A message whose attachments are larger is not given out (null), and the step
     * parses it itself, storing as it goes.
     */
    private record Pending(CompletableFuture<Kept> kept, CompletableFuture<Parsed> parsed, Future<Understanding.Result> understood,
            long rawBytes) {
    }

    /** The raw kept ahead under its key ({@code kept}: new then), and its headers as {@link Deduplicate} reads them. */
    record Kept(String rawKey, boolean kept, Map<String, List<String>> headers) {
    }

    /** A parse made ahead, and the content of its attachments, not yet stored. */
    record Parsed(ParsedMail mail, List<Held> attachments) {
    }

    /** One attachment's content held for the {@link Parse} step, under the stand-in id the parse has for it. */
    record Held(String standIn, int partIndex, String name, String type, byte[] content) {
    }

    /**
     * How many bytes of raw messages may be read ahead at once (the first is always taken): with their
     * parses and attachments in memory, a run of large messages would otherwise hold up to
     * {@link #AHEAD} times {@link #ATTACHMENTS_HELD}.
     */
    static final long AHEAD_RAW_BYTES = MailIngestion.Batch.READ_AHEAD_BYTES;

    /** How much attachment content one message read ahead may hold in memory. */
    static final int ATTACHMENTS_HELD = 8 * 1024 * 1024;

    private Pending removed(RawMail mail) {
        Pending ahead = pending.remove(mail);
        if (ahead != null) {
            pendingRawBytes -= ahead.rawBytes();
        }
        return ahead;
    }

    /** A message that will be ingested after the current one (named in the order they will be). */
    void start(RawMail mail) {
        if (pending.size() >= AHEAD || pending.containsKey(mail)) {
            return;
        }
        long size = Math.max(0, mail.size());
        if (!pending.isEmpty() && pendingRawBytes + size > AHEAD_RAW_BYTES) {
            return;
        }
        if (worker == null) {
            worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "ingest-read-ahead");
                t.setDaemon(true);
                return t;
            });
        }
        CompletableFuture<Kept> kept = new CompletableFuture<>();
        CompletableFuture<Parsed> parsed = new CompletableFuture<>();
        Future<Understanding.Result> understood = worker.submit(() -> understand(mail, kept, parsed));
        pending.put(mail, new Pending(kept, parsed, understood, size));
        pendingRawBytes += size;
    }

    private Understanding.Result understand(RawMail mail, CompletableFuture<Kept> keptGiven, CompletableFuture<Parsed> given)
            throws IOException {
        Kept kept = null;
        try {
            String key = RawKeys.of(mail);
            boolean isNew = steps.archive().raw().keep(key, mail::open);
            kept = new Kept(key, isNew, Deduplicate.headers(steps, mail));
        } catch (RuntimeException e) {
            // KeepRaw and Deduplicate do it themselves, and fail or not as they always did.
        } finally {
            keptGiven.complete(kept);
        }
        ParsedMail parsed = null;
        Holding holding = new Holding();
        try (InputStream in = mail.open()) {
            parsed = steps.parser().parse(in, holding);
        } finally {
            // Given out whatever happens: the Parse step waits for it (null: it parses itself).
            given.complete(parsed == null || holding.tooLarge ? null : new Parsed(parsed, List.copyOf(holding.held)));
        }
        return steps.understanding().understand(parsed);
    }

    /**
     * The read-ahead's attachment sink: each content kept in memory under a stand-in id, until they
     * come to more than {@link #ATTACHMENTS_HELD}; from then on nothing is kept (the parse is not given out).
     */
    private static final class Holding implements AttachmentSink {
        /** The stand-in ids' prefix: a NUL, which no stored id has. */
        private static final String STAND_IN = "\0ahead:";
        private final List<Held> held = new ArrayList<>();
        private long bytes;
        private boolean tooLarge;

        @Override
        public String accept(int partIndex, String name, String type, InputStream content) throws IOException {
            if (!tooLarge) {
                byte[] read = content.readNBytes((int) (ATTACHMENTS_HELD - bytes) + 1);
                bytes += read.length;
                if (bytes <= ATTACHMENTS_HELD) {
                    Held one = new Held(STAND_IN + held.size(), partIndex, name, type, read);
                    held.add(one);
                    return one.standIn();
                }
                tooLarge = true;
                held.clear();
            }
            return DISCARD.accept(partIndex, name, type, content);
        }
    }

    /** The raw kept ahead for this message, and its headers; null when it was not (the steps do it). */
    Kept kept(RawMail mail) {
        Pending ahead = pending.get(mail);
        return ahead == null ? null : await(ahead.kept());
    }

    /** What was read ahead for this message; null when it was not, or failed (the step reads it itself). */
    Understanding.Result take(RawMail mail) {
        Pending ahead = removed(mail);
        return ahead == null ? null : await(ahead.understood());
    }

    /**
     * The parse made ahead for this message, with its attachments' content to store; null when there
     * is none, and the {@link Parse} step parses it itself. What the classifier read stays for {@link #take}.
     */
    Parsed parsed(RawMail mail) {
        Pending ahead = pending.get(mail);
        return ahead == null ? null : await(ahead.parsed());
    }

    /**
     * What was read ahead, once it is done. Until then this thread helps: it runs the reading of the
     * next message not yet started (taken from the read-ahead thread's queue) instead of waiting idle.
     * When the read-ahead thread is the slower one, the two then read messages ahead side by side, and
     * this thread does its own steps in between; the steps still take the messages in their order.
     */
    private <T> T await(Future<T> ahead) {
        ThreadPoolExecutor helped = worker;
        while (helped != null && !ahead.isDone()) {
            Runnable next = helped.getQueue().poll();
            if (next == null) {
                break;
            }
            next.run();
        }
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
        Pending ahead = removed(mail);
        if (ahead != null) {
            ahead.understood().cancel(false);
        }
    }

    @Override
    public void close() {
        pending.values().forEach(p -> p.understood().cancel(false));
        pending.clear();
        pendingRawBytes = 0;
        if (worker != null) {
            worker.shutdown();
            worker = null;
        }
    }
}
