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
         * Ingests the chunk in its order. {@code done} hears each UID once ingest has returned for it,
         * and for every UID before it in the chunk, so the caller can move the checkpoint that far.
         */
        private void ingestChunk(List<Long> chunk, LongConsumer done) throws MessagingException {
            Map<Long, Long> sizes = UidCommands.sizes(folder, chunk);
            List<Long> batch = new ArrayList<>();
            long batchBytes = 0;
            for (Long uid : chunk) {
                Long size = sizes.get(uid);
                if (size == null) {
                    // Expunged since the search: nothing to fetch; it counts as done in its turn.
                    batch.add(uid);
                    continue;
                }
                if (size > settings.streamAbove()) {
                    ingestBatch(batch, done);
                    batch.clear();
                    batchBytes = 0;
                    ingestLarge(uid, size);
                    done.accept(uid);
                    continue;
                }
                if (batchBytes + size > settings.batchBytes()) {
                    ingestBatch(batch, done);
                    batch.clear();
                    batchBytes = 0;
                }
                batch.add(uid);
                batchBytes += size;
            }
            ingestBatch(batch, done);
        }

        private void ingestBatch(List<Long> batch, LongConsumer done) throws MessagingException {
            if (batch.isEmpty()) {
                return;
            }
            Map<Long, byte[]> bodies = UidCommands.bodies(folder, batch);
            for (Long uid : batch) {
                byte[] body = bodies.remove(uid);
                if (body != null) {
                    hand(RawMail.of(body), uid);
                }
                done.accept(uid);
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
                    hand(RawMail.of(file), uid);
                }
            } finally {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.warn("cannot delete the temporary message file {}", file, e);
                }
            }
        }

        private void hand(RawMail mail, long uid) {
            IngestResult result = ingestion.ingest(mail,
                    new MailSource.Imap(account.id(), account.userId(), name, uidValidity, uid, sent));
            handed++;
            log.debug("IMAP {} {} uid {} <{}>: {}{}", account.id(), name, uid, result.messageId(), result.outcome(),
                    result.detail() == null ? "" : " (" + result.detail() + ")");
        }
    }
}
