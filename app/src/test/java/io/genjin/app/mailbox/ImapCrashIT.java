package io.genjin.app.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.model.Filters;
import io.genjin.app.support.AppJar;
import io.genjin.app.support.DovecotTestServer;
import io.genjin.app.support.Http;
import io.genjin.app.support.StoreFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint promise under a crash: the real app jar syncs a real Dovecot INBOX of 1,000 corpus
 * messages (every 50th without a Message-ID, so the id the pipeline derives from the content is
 * exercised too), is killed with SIGKILL in the middle of a chunk of the first sync, and restarts on
 * the same data. Right after the kill the store is read directly: the checkpoint may lag what was
 * stored, never lead it. After the restart has finished the sync: every UID on the server is stored
 * exactly once and the checkpoint is the folder's last UID. Skipped without Dovecot unless CI=true.
 */
class ImapCrashIT {
    private static final int MESSAGES = 1_000;
    private static final int NO_ID_EVERY = 50;
    /** Mid-way through the second chunk (200 a chunk, set below): stored beyond the checkpoint when the kill lands. */
    private static final int STORED_BEFORE_KILL = 300;
    private static final Duration PHASE = Duration.ofMinutes(3);
    private static final String OWNER = "rep@genjin.test";
    private static final Map<String, String> ENV = Map.of("GENJIN_DROPBOX_ENABLED", "false",
            "GENJIN_SECRET_KEY", "k1:Z2VuamluLWltYXAtY3Jhc2gtaXQtZml4ZWQta2V5LTA=", "GENJIN_MAILBOX_CHUNKMESSAGES", "200");

    @TempDir
    Path work;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void everyMessageIsStoredOnceAndTheCheckpointResumesAfterAKillDuringTheFirstSync() throws Exception {
        assumeTrue(AppJar.built(), "no " + AppJar.JAR + ": run through `mvn verify`, which packages first");
        try (DovecotTestServer dovecot = DovecotTestServer.withInbox(MESSAGES, corpus(), "imapcrash", NO_ID_EVERY);
                AppJar apps = new AppJar(work)) {
            Map<Long, String> server = dovecot.messageIds("INBOX");
            assertThat(server).hasSize(MESSAGES);
            long lastUid = server.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();

            AppJar.Running first = apps.start("first", ENV);
            String userId = first.createUser("IMAP Crash Rep", OWNER);
            Http.Reply added = first.http().post(AppJar.TOKEN, "/api/users/" + userId + "/mailboxes",
                    Map.of("host", "127.0.0.1", "port", dovecot.port(), "security", "NONE", "username", dovecot.user(),
                            "secret", dovecot.password()));
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            String accountId = added.json().get("id").asString();
            within("the first sync to store " + STORED_BEFORE_KILL + " messages", first,
                    () -> first.logLines("| checkpoint: durable") >= STORED_BEFORE_KILL);
            first.kill();

            Inbox atKill;
            long unownedAtKill;
            try (StoreFile store = apps.store()) {
                atKill = Inbox.read(store, userId, accountId);
                unownedAtKill = unownedChunks(store);
            }
            assertThat(atKill.stored()).as("killed mid-sync").isPositive().isLessThan(MESSAGES);
            assertThat(atKill.checkpointed(server.keySet())).as("UIDs the checkpoint covers (%s) that are not stored",
                    atKill.checkpoint()).allSatisfy(uid -> assertThat(atKill.holders()).containsKey(uid));

            AppJar.Running second = apps.start("second", ENV);
            within("the restarted sync to finish", second, () -> {
                var status = second.http().get(AppJar.TOKEN, "/api/users/" + userId + "/mailboxes").json().get(0).get("status");
                return status.get("state").asString().equals("IDLE") && status.get("backlog").asLong() == 0;
            });
            long repeats = second.logLines(" DUPLICATE at deduplicate ");
            second.stop();

            Inbox after;
            try (StoreFile store = apps.store()) {
                after = Inbox.read(store, userId, accountId);
                assertThat(unownedChunks(store)).as("GridFS chunks no file owns (%d at the kill)", unownedAtKill).isZero();
            }
            assertThat(after.holders().keySet()).as("UIDs stored").containsExactlyElementsOf(server.keySet());
            server.forEach((uid, messageId) -> {
                List<String> holders = after.holders().get(uid);
                assertThat(holders).as("stored copies of UID %d", uid).hasSize(1);
                if (messageId != null) {
                    assertThat(holders.get(0)).as("UID %d", uid).isIn(messageId, "failed:" + messageId);
                }
            });
            assertThat(after.stored()).as("messages in the store").isEqualTo(MESSAGES);
            assertThat(after.checkpoint().getLong("lastUid")).isEqualTo(lastUid);
            assertThat(after.checkpoint().get("walkTop")).as("walk finished").isNull();
            System.out.printf("IMAP crash test: %d messages on the server; at SIGKILL %d stored, checkpoint %s;"
                    + " after restart %d re-read and dropped as duplicates, %d stored once each (%d failed, kept for"
                    + " replay), checkpoint lastUid %d; GridFS chunks of a write cut short: %d at the kill, 0 after%n", MESSAGES,
                    atKill.stored(), atKill.describeCheckpoint(), repeats, after.stored(), after.failed(),
                    after.checkpoint().getLong("lastUid"), unownedAtKill);
        }
    }

    private static void within(String what, AppJar.Running app, Callable<Boolean> done) {
        try {
            await().atMost(PHASE).pollInterval(Duration.ofMillis(100)).until(() -> {
                assertThat(app.process().isAlive()).as("app exited: %s", app.logTail()).isTrue();
                return done.call();
            });
        } catch (ConditionTimeoutException e) {
            fail("gave up after " + PHASE.toMinutes() + " minutes waiting for " + what + "; log tail:\n" + app.logTail());
        }
    }

    /**
     * Chunks of the raw and attachment buckets whose file is not there: what a kill between a large
     * message's chunks and its file record leaves, until that message is written again.
     */
    private static long unownedChunks(StoreFile store) {
        long unowned = 0;
        for (String bucket : List.of("raw", "attachments")) {
            Set<Object> files = new HashSet<>();
            store.collection(bucket + ".files").find().projection(new Document("_id", 1)).forEach(f -> files.add(f.get("_id")));
            for (Document chunk : store.collection(bucket + ".chunks").find().projection(new Document("files_id", 1))) {
                unowned += files.contains(chunk.get("files_id")) ? 0 : 1;
            }
        }
        return unowned;
    }

    private static List<Path> corpus() throws IOException {
        Path letters = Path.of("").toAbsolutePath().getParent().resolveSibling("shared").resolve("corpora/cjk/letters");
        try (Stream<Path> all = Files.walk(letters)) {
            List<Path> files = all.filter(Files::isRegularFile).sorted().toList();
            assertThat(files).as("corpus at " + letters).hasSizeGreaterThan(50);
            return files;
        }
    }

    /**
     * The INBOX as the store has it: per UID the Message-IDs of the stored messages that name it
     * (failures kept for replay as "failed:id"), and the folder checkpoint.
     */
    private record Inbox(Map<Long, List<String>> holders, long stored, long failed, Document checkpoint) {
        static Inbox read(StoreFile store, String userId, String accountId) {
            Map<Long, List<String>> holders = new TreeMap<>();
            long stored = 0;
            for (Document m : store.messages().find()) {
                stored++;
                for (Document ref : m.getList("mailboxes", Document.class)) {
                    if (userId.equals(ref.getString("userId")) && "INBOX".equals(ref.getString("folder"))) {
                        holders.computeIfAbsent(ref.get("uid", Number.class).longValue(), u -> new ArrayList<>())
                                .add(m.getString("messageId"));
                    }
                }
            }
            long failed = 0;
            for (Document f : store.collection("failed_messages").find(Filters.eq("resolvedAt", null))) {
                Document source = f.get("source", Document.class);
                if (accountId.equals(source.getString("account")) && "INBOX".equals(source.getString("folder"))) {
                    failed++;
                    holders.computeIfAbsent(Long.parseLong(source.getString("uid")), u -> new ArrayList<>())
                            .add("failed:" + f.getString("messageId"));
                }
            }
            Document checkpoint = store.collection("mailbox_checkpoints").find(Filters.eq("_id", accountId + "/INBOX")).first();
            return new Inbox(holders, stored + failed, failed, checkpoint == null ? new Document() : checkpoint);
        }

        /** Those of {@code uids} the checkpoint says are stored: up to lastUid, and the walked part of the window. */
        List<Long> checkpointed(Collection<Long> uids) {
            long last = checkpoint.get("lastUid", 0L);
            Long walkTop = checkpoint.getLong("walkTop");
            Long walkBelow = checkpoint.getLong("walkBelow");
            return uids.stream().filter(uid -> uid <= last || walkTop != null && uid >= walkBelow && uid <= walkTop).toList();
        }

        String describeCheckpoint() {
            return checkpoint.getLong("walkTop") != null
                    ? "walking " + checkpoint.get("walkBelow") + ".." + checkpoint.get("walkTop")
                    : "lastUid " + checkpoint.get("lastUid", 0L);
        }
    }
}
