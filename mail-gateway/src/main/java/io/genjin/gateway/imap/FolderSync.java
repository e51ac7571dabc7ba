package io.genjin.gateway.imap;

import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.store.mailbox.FolderCheckpoint;
import io.genjin.store.mailbox.FolderCheckpoints;
import io.genjin.store.mailbox.MailboxAccount;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over one folder, in this order:
 * <ol>
 * <li>No checkpoint, or UIDVALIDITY changed (the server renumbered the folder): start over. The
 *     pipeline de-duplicates by Message-ID, so a re-walk stores nothing twice.</li>
 * <li>First sync: walk the initial window (SEARCH SINCE) newest first, in chunks; after each chunk
 *     the checkpoint's {@code walkBelow} moves down. At the end {@code lastUid} becomes the top.</li>
 * <li>Then every UID above {@code lastUid}, oldest first; after each chunk {@code lastUid} moves up.</li>
 * </ol>
 * A checkpoint moves only past messages that {@link MailIngestion#ingest} has returned for (they
 * are durable then). When ingest throws, the checkpoint is moved to the last message done and the
 * pass stops; the next pass starts from there.
 */
final class FolderSync {
    private static final Logger log = LoggerFactory.getLogger(FolderSync.class);
    private final MailboxAccount account;
    private final MailIngestion ingestion;
    private final FolderCheckpoints checkpoints;
    private final SyncSettings settings;
    private final Clock clock;
    private final Progress progress;

    /** Where the pass reports how far it is. */
    interface Progress {
        void walking(long done, long total);

        void backlog(long remaining);
    }

    FolderSync(MailboxAccount account, MailIngestion ingestion, FolderCheckpoints checkpoints, SyncSettings settings,
            Clock clock, Progress progress) {
        this.account = account;
        this.ingestion = ingestion;
        this.checkpoints = checkpoints;
        this.settings = settings;
        this.clock = clock;
        this.progress = progress;
    }

    /** Syncs the folder; returns how many messages were handed to the pipeline. */
    int run(IMAPFolder folder, boolean sent) throws MessagingException {
        folder.open(Folder.READ_ONLY);
        try {
            String name = folder.getFullName();
            long uidValidity = folder.getUIDValidity();
            long uidNext = folder.getUIDNext();
            FolderCheckpoint checkpoint = checkpoints.find(account.id(), name).orElse(null);
            if (checkpoint == null || checkpoint.uidValidity() != uidValidity) {
                if (checkpoint != null) {
                    log.warn("IMAP {} {}: UIDVALIDITY changed {} -> {}; re-syncing the folder (duplicates are dropped by Message-ID)",
                            account.id(), name, checkpoint.uidValidity(), uidValidity);
                }
                long top = uidNext > 0 ? uidNext - 1 : UidCommands.highest(folder);
                checkpoint = checkpoints.beginWalk(account.id(), name, uidValidity, top);
            }
            Pass pass = new Pass(folder, name, uidValidity, sent);
            boolean walked = checkpoint.walking();
            if (walked) {
                pass.walk(checkpoint.walkTop(), checkpoint.walkBelow());
            }
            long lastUid = checkpoints.find(account.id(), name).map(FolderCheckpoint::lastUid).orElse(0L);
            // UIDNEXT from EXAMINE says whether anything is newer; after a long walk, look anyway.
            if (walked || uidNext <= 0 || uidNext - 1 > lastUid) {
                pass.newerThan(lastUid);
            } else {
                checkpoints.touch(account.id(), name);
            }
            return pass.handed;
        } finally {
            if (folder.isOpen()) {
                folder.close(false);
            }
        }
    }

    /** Where a message goes: the pipeline itself (durable on return) or one of its batches. */
    @FunctionalInterface
    private interface Hand {
        IngestResult ingest(RawMail mail, MailSource source);
    }

    /** The state of one pass over one open folder. */
    private final class Pass {
        private final IMAPFolder folder;
        private final String name;
        private final long uidValidity;
        private final boolean sent;
        private int handed;

        Pass(IMAPFolder folder, String name, long uidValidity, boolean sent) {
            this.folder = folder;
            this.name = name;
            this.uidValidity = uidValidity;
            this.sent = sent;
        }

        void walk(long top, long below) throws MessagingException {
            Date since = Date.from(clock.instant().minus(settings.initialWindow()));
            List<Long> window = UidCommands.since(folder, since).stream().filter(uid -> uid <= top).toList();
            List<Long> todo = window.stream().filter(uid -> uid < below).sorted(Comparator.reverseOrder()).toList();
            long total = window.size();
            long done = total - todo.size();
            log.info("IMAP {} {}: initial sync of {} messages since {} ({} done before), newest first",
                    account.id(), name, total, since.toInstant(), done);
            progress.walking(done, total);
            for (int from = 0; from < todo.size(); from += settings.chunkMessages()) {
                List<Long> chunk = todo.subList(from, Math.min(todo.size(), from + settings.chunkMessages()));
                long[] lowest = {Long.MAX_VALUE};
                try {
                    ingestChunk(chunk, uid -> lowest[0] = Math.min(lowest[0], uid));
                } finally {
                    if (lowest[0] != Long.MAX_VALUE) {
                        checkpoints.walkedDownTo(account.id(), name, uidValidity, lowest[0]);
                    }
                }
                done += chunk.size();
                progress.walking(done, total);
            }
            checkpoints.finishWalk(account.id(), name, uidValidity, top);
        }

        void newerThan(long lastUid) throws MessagingException {
            List<Long> todo = UidCommands.above(folder, lastUid).stream().sorted().toList();
            progress.backlog(todo.size());
            for (int from = 0; from < todo.size(); from += settings.chunkMessages()) {
                List<Long> chunk = todo.subList(from, Math.min(todo.size(), from + settings.chunkMessages()));
                long[] highest = {0};
                try {
                    ingestChunk(chunk, uid -> highest[0] = Math.max(highest[0], uid));
                } finally {
                    if (highest[0] > 0) {
                        checkpoints.advance(account.id(), name, uidValidity, highest[0]);
                    }
                }
                progress.backlog(todo.size() - from - chunk.size());
            }
            if (todo.isEmpty()) {
                checkpoints.touch(account.id(), name);
            }
        }

        /**
         * Ingests the chunk in its order. {@code done} hears each UID once what ingest returned for
         * it is durable, and for every UID before it in the chunk, so the caller can move the
         * checkpoint that far.
         *
         * <p>Small messages go in batches of up to {@code batchBytes}: one UID FETCH of BODY.PEEK[]
         * per batch, and the next batch is fetched on a second thread while this one goes through the
         * pipeline (the connection is used by one thread at a time: the fetcher between two batches'
         * hand-over, this thread only for a large message, after the fetcher is done). Each batch is
         * ingested as a pipeline {@link MailIngestion#batch()}: one durable flush at its end instead of
         * one per message, and only then does {@code done} hear its UIDs.
         */
        private void ingestChunk(List<Long> chunk, LongConsumer done) throws MessagingException {
            Map<Long, Long> sizes = UidCommands.sizes(folder, chunk);
            List<List<Long>> plan = new ArrayList<>();   // a batch of small UIDs, or one large UID alone
            List<Boolean> large = new ArrayList<>();
            List<Long> batch = new ArrayList<>();
            long batchBytes = 0;
            for (Long uid : chunk) {
                Long size = sizes.get(uid);
                if (size == null) {
                    // Expunged since the search: nothing to fetch; it counts as done in its turn.
                    batch.add(uid);
                    continue;
                }
                if (size > settings.streamAbove() || batchBytes + size > settings.batchBytes()) {
                    if (!batch.isEmpty()) {
                        plan.add(batch);
                        large.add(false);
                    }
                    batch = new ArrayList<>();
                    batchBytes = 0;
                }
                if (size > settings.streamAbove()) {
                    plan.add(List.of(uid));
                    large.add(true);
                    continue;
                }
                batch.add(uid);
                batchBytes += size;
            }
            if (!batch.isEmpty()) {
                plan.add(batch);
                large.add(false);
            }
            ExecutorService fetcher = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "imap-fetch-" + account.id());
                t.setDaemon(true);
                return t;
            });
            Future<Map<Long, byte[]>> next = null;
            try {
                for (int i = 0; i < plan.size(); i++) {
                    List<Long> uids = plan.get(i);
                    if (large.get(i)) {
                        ingestLarge(uids.get(0), sizes.get(uids.get(0)));
                        done.accept(uids.get(0));
                        continue;
                    }
                    Map<Long, byte[]> bodies = next != null ? await(next) : UidCommands.bodies(folder, uids);
                    next = null;
                    if (i + 1 < plan.size() && !large.get(i + 1)) {
                        List<Long> following = plan.get(i + 1);
                        next = fetcher.submit(() -> UidCommands.bodies(folder, following));
                    }
                    ingestBatch(uids, bodies, done);
                }
            } finally {
                if (next != null) {
                    // Ingest failed: the connection is the fetcher's until it is done with it.
                    next.cancel(false);
                    try {
                        await(next);
                    } catch (MessagingException | RuntimeException ignored) {
                        // the pass stops anyway; what went wrong is being thrown already
                    }
                }
                fetcher.shutdownNow();
            }
        }

        /**
         * One fetched batch through the pipeline as one {@link MailIngestion#batch()}: flushed once at
         * the end, and only then does {@code done} hear its UIDs. When ingest throws part-way, what
         * was ingested before is still flushed and reported done, so the checkpoint stops right
         * before the message that failed (as it did with a flush per message).
         */
        private void ingestBatch(List<Long> uids, Map<Long, byte[]> bodies, LongConsumer done) {
            MailIngestion.Batch durable = ingestion.batch();
            // One RawMail per message, made before the loop: the batch reads the next messages ahead (their
            // parse and classification on a second thread) and knows each again by its instance.
            List<RawMail> mails = new ArrayList<>(uids.size());
            for (Long uid : uids) {
                byte[] body = bodies.remove(uid);
                mails.add(body == null ? null : RawMail.of(body));
            }
            int ingested = 0;
            RuntimeException failure = null;
            try {
                for (int i = 0; i < uids.size(); i++) {
                    int named = 0;
                    for (int k = i + 1; k < mails.size() && named < MailIngestion.Batch.READ_AHEAD; k++) {
                        if (mails.get(k) != null) {
                            durable.ahead(mails.get(k), source(uids.get(k)));
                            named++;
                        }
                    }
                    if (mails.get(i) != null) {
                        hand(durable::ingest, mails.get(i), uids.get(i));
                    }
                    ingested++;
                }
            } catch (RuntimeException e) {
                failure = e;
            }
            try {
                durable.close();
            } catch (RuntimeException e) {
                // Nothing of the batch is known to be durable: the checkpoint stays where it was.
                if (failure != null) {
                    failure.addSuppressed(e);
                    throw failure;
                }
                throw e;
            }
            uids.subList(0, ingested).forEach(done::accept);
            if (failure != null) {
                throw failure;
            }
        }

        private Map<Long, byte[]> await(Future<Map<Long, byte[]>> fetch) throws MessagingException {
            try {
                return fetch.get();
            } catch (CancellationException e) {
                return Map.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MessagingException("interrupted while fetching", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof MessagingException m) {
                    throw m;
                }
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new MessagingException("fetch failed", e);
            }
        }

        private void ingestLarge(long uid, long size) throws MessagingException {
            Path file;
            try {
                file = settings.tempDir() == null ? Files.createTempFile("genjin-imap-", ".eml")
                        : Files.createTempFile(settings.tempDir(), "genjin-imap-", ".eml");
            } catch (IOException e) {
                throw new MessagingException("cannot create a temporary file for a " + size + "-byte message", e);
            }
            try {
                if (UidCommands.streamTo(folder, uid, file, settings.streamAbove())) {
                    // Alone, and durable on return: the checkpoint may pass it at once.
                    hand(ingestion::ingest, RawMail.of(file), uid);
                }
            } finally {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.warn("cannot delete the temporary message file {}", file, e);
                }
            }
        }

        private MailSource source(long uid) {
            return new MailSource.Imap(account.id(), account.userId(), name, uidValidity, uid, sent);
        }

        private void hand(Hand into, RawMail mail, long uid) {
            IngestResult result = into.ingest(mail, source(uid));
            handed++;
            log.debug("IMAP {} {} uid {} <{}>: {}{}", account.id(), name, uid, result.messageId(), result.outcome(),
                    result.detail() == null ? "" : " (" + result.detail() + ")");
        }
    }
}
