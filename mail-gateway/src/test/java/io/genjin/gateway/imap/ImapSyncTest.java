package io.genjin.gateway.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.gateway.imap.RecordingIngestion.Handed;
import io.genjin.store.mailbox.FolderCheckpoint;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxAccount.Auth;
import io.genjin.store.mailbox.MailboxStatus;
import io.genjin.store.mailbox.MailboxStatus.State;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ImapSyncTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

    private ImapFixture fixture;
    private final RecordingIngestion ingestion = new RecordingIngestion();
    private SyncSettings settings = SyncSettings.defaults().withChunkMessages(2).withBackoff(Duration.ofMillis(50),
            Duration.ofMillis(200));
    private MailboxSync sync;

    @BeforeEach
    void setUp() {
        fixture = new ImapFixture(greenMail);
    }

    @AfterEach
    void tearDown() {
        if (sync != null) {
            sync.close();
        }
        fixture.close();
    }

    private MailboxSync sync() {
        sync = new MailboxSync(fixture.store, ingestion, settings, fixture.clock);
        return sync;
    }

    @Test
    void initialSyncTakesInboxAndSentNewestFirstWithinTheWindow() throws Exception {
        MailFolder inbox = fixture.inbox();
        fixture.put(inbox, "too-old@x", Duration.ofDays(200));
        long in1 = fixture.put(inbox, "in-1@x", Duration.ofDays(3));
        fixture.put(inbox, "in-2@x", Duration.ofDays(2));
        long in3 = fixture.put(inbox, "in-3@x", Duration.ofDays(1));
        MailFolder sent = fixture.folder("Sent Items");
        fixture.put(sent, "out-1@x", Duration.ofDays(2));
        long out2 = fixture.put(sent, "out-2@x", Duration.ofDays(1));
        MailboxAccount account = fixture.account();

        assertThat(sync().syncOnce(account.id())).isEqualTo(5);

        assertThat(ingestion.handedIds()).containsExactly("in-3@x", "in-2@x", "in-1@x", "out-2@x", "out-1@x");
        List<Handed> handed = ingestion.handed();
        assertThat(handed.get(0).source().folder()).isEqualTo("INBOX");
        assertThat(handed.get(0).source().sentFolder()).isFalse();
        assertThat(handed.get(0).source().uid()).isEqualTo(in3);
        assertThat(handed.get(0).source().ownerUserId()).isEqualTo("user-1");
        assertThat(handed.get(3).source().folder()).isEqualTo("Sent Items");
        assertThat(handed.get(3).source().sentFolder()).isTrue();
        FolderCheckpoint inboxCheckpoint = fixture.store.checkpoints().find(account.id(), "INBOX").orElseThrow();
        assertThat(inboxCheckpoint.walking()).isFalse();
        assertThat(inboxCheckpoint.lastUid()).isEqualTo(in3);
        assertThat(inboxCheckpoint.uidValidity()).isEqualTo(inbox.getUidValidity());
        assertThat(fixture.store.checkpoints().find(account.id(), "Sent Items").orElseThrow().lastUid()).isEqualTo(out2);
        assertThat(in1).isLessThan(in3);
        MailboxStatus status = fixture.store.statuses().of(account.id());
        assertThat(status.state()).isEqualTo(State.POLLING);
        assertThat(status.initialDone()).isEqualTo(5);
        assertThat(status.initialTotal()).isEqualTo(5);
        assertThat(status.backlog()).isZero();
        assertThat(status.lastSyncAt()).isNotNull();
    }

    @Test
    void aBatchIsReadAheadFlushedOnceAndTheCheckpointPassesItsMessagesOnlyAfterTheFlush() throws Exception {
        MailFolder inbox = fixture.inbox();
        for (int i = 1; i <= 6; i++) {
            fixture.put(inbox, "batch-" + i + "@x");
        }
        MailboxAccount account = fixture.account();
        settings = settings.withChunkMessages(1000);
        fixture.store.checkpoints().beginWalk(account.id(), "INBOX", inbox.getUidValidity(), 0); // walked: new mail only
        fixture.store.checkpoints().finishWalk(account.id(), "INBOX", inbox.getUidValidity(), 0);
        List<String> events = new java.util.ArrayList<>();
        MailIngestion batching = new MailIngestion() {
            @Override
            public IngestResult ingest(RawMail mail, MailSource source) {
                throw new AssertionError("the sync hands small messages over in batches");
            }

            @Override
            public Batch batch() {
                return new Batch() {
                    private final java.util.Set<RawMail> namedAhead = java.util.Collections.newSetFromMap(
                            new java.util.IdentityHashMap<>());

                    @Override
                    public void ahead(RawMail mail, MailSource source) {
                        if (namedAhead.add(mail)) {
                            events.add("ahead uid " + ((MailSource.Imap) source).uid());
                        }
                    }

                    @Override
                    public IngestResult ingest(RawMail mail, MailSource source) {
                        IngestResult result = ingestion.ingest(mail, source);
                        events.add((namedAhead.remove(mail) ? "ingest read ahead " : "ingest ") + result.messageId()
                                + " checkpoint " + lastUid(account));
                        return result;
                    }

                    @Override
                    public void close() {
                        events.add("flush checkpoint " + lastUid(account));
                    }
                };
            }
        };
        sync = new MailboxSync(fixture.store, batching, settings, fixture.clock);

        assertThat(sync.syncOnce(account.id())).isEqualTo(6);

        // The messages after the first were named ahead in order (up to READ_AHEAD of them, to be parsed
        // and classified on a second thread) before the first was ingested, and each was handed over as
        // that same instance.
        assertThat(events).containsExactly("ahead uid 2", "ahead uid 3", "ahead uid 4", "ahead uid 5", "ahead uid 6",
                "ingest batch-1@x checkpoint 0", "ingest read ahead batch-2@x checkpoint 0",
                "ingest read ahead batch-3@x checkpoint 0", "ingest read ahead batch-4@x checkpoint 0",
                "ingest read ahead batch-5@x checkpoint 0", "ingest read ahead batch-6@x checkpoint 0", "flush checkpoint 0");
        assertThat(lastUid(account)).isEqualTo(6);
    }

    private long lastUid(MailboxAccount account) {
        return fixture.store.checkpoints().find(account.id(), "INBOX").map(FolderCheckpoint::lastUid).orElse(0L);
    }

    @Test
    void restartResumesFromTheCheckpointWithoutHandingAnythingTwice() throws Exception {
        MailFolder inbox = fixture.inbox();
        fixture.put(inbox, "a@x");
        fixture.put(inbox, "b@x");
        MailboxAccount account = fixture.account();
        sync().syncOnce(account.id());
        sync.close();
        fixture.put(inbox, "c@x");
        fixture.put(inbox, "d@x");
        fixture.put(inbox, "e@x");

        // A new MailboxSync over the same store: what a restarted process would build.
        assertThat(sync().syncOnce(account.id())).isEqualTo(3);

        assertThat(ingestion.handedIds()).containsExactly("b@x", "a@x", "c@x", "d@x", "e@x");
        assertThat(sync().syncOnce(account.id())).isZero();
    }

    @Test
    void failingIngestStopsTheCheckpointAtTheLastMessageDone() throws Exception {
        MailFolder inbox = fixture.inbox();
        for (int i = 1; i <= 5; i++) {
            fixture.put(inbox, "walk-" + i + "@x", Duration.ofHours(10 - i));
        }
        MailboxAccount account = fixture.account();
        ingestion.failOn("walk-3@x");

        assertThatThrownBy(() -> sync().syncOnce(account.id())).hasMessageContaining("store unreachable");
        assertThat(ingestion.handedIds()).containsExactly("walk-5@x", "walk-4@x");
        FolderCheckpoint stopped = fixture.store.checkpoints().find(account.id(), "INBOX").orElseThrow();
        assertThat(stopped.walking()).isTrue();
        assertThat(stopped.walkBelow()).isEqualTo(4);
        assertThat(fixture.store.statuses().of(account.id()).lastError()).contains("store unreachable");

        ingestion.heal();
        sync().syncOnce(account.id());
        assertThat(ingestion.handedIds()).containsExactly("walk-5@x", "walk-4@x", "walk-3@x", "walk-2@x", "walk-1@x");

        // And after the walk, on new mail (oldest first): the checkpoint stops before the failure.
        fixture.put(inbox, "new-1@x");
        fixture.put(inbox, "new-2@x");
        fixture.put(inbox, "new-3@x");
        ingestion.failOn("new-2@x");
        assertThatThrownBy(() -> sync().syncOnce(account.id())).hasMessageContaining("new-2@x");
        assertThat(fixture.store.checkpoints().find(account.id(), "INBOX").orElseThrow().lastUid()).isEqualTo(6);
        ingestion.heal();
        sync().syncOnce(account.id());
        assertThat(ingestion.handedIds()).endsWith("new-1@x", "new-2@x", "new-3@x");
        assertThat(ingestion.handedIds()).doesNotHaveDuplicates();
    }

    @Test
    void uidValidityChangeReSyncsTheFolderAndThePipelineDropsTheRepeats() throws Exception {
        MailFolder sent = fixture.folder("Sent");
        fixture.put(sent, "s1@x");
        fixture.put(sent, "s2@x");
        MailboxAccount account = fixture.account();
        sync().syncOnce(account.id());
        long before = fixture.store.checkpoints().find(account.id(), "Sent").orElseThrow().uidValidity();

        // GreenMail's UIDVALIDITY is the folder's creation second: recreate it in a later one.
        await().atMost(Duration.ofSeconds(3)).until(() -> System.currentTimeMillis() / 1000 > before);
        fixture.deleteFolder("Sent");
        MailFolder recreated = fixture.folder("Sent");
        fixture.put(recreated, "s1@x");
        fixture.put(recreated, "s2@x");
        fixture.put(recreated, "s3@x");
        assertThat(recreated.getUidValidity()).as("GreenMail renumbers a recreated folder").isNotEqualTo(before);

        sync().syncOnce(account.id());

        FolderCheckpoint after = fixture.store.checkpoints().find(account.id(), "Sent").orElseThrow();
        assertThat(after.uidValidity()).isEqualTo(recreated.getUidValidity());
        assertThat(after.lastUid()).isEqualTo(3);
        assertThat(ingestion.storedIds()).containsExactlyInAnyOrder("s1@x", "s2@x", "s3@x");
    }

    @Test
    void uidRangeToStarNeverHandsTheLastMessageAgain() throws Exception {
        MailFolder inbox = fixture.inbox();
        fixture.put(inbox, "only@x");
        MailboxAccount account = fixture.account();
        sync().syncOnce(account.id());

        try (ImapSession session = ImapSession.open(account, ImapFixture.PASSWORD, settings)) {
            var folder = session.folder("INBOX");
            folder.open(jakarta.mail.Folder.READ_ONLY);
            // The server answers "UID FETCH 2:*" with message 1 (RFC 3501 §6.4.8: * is the largest UID).
            Object raw = folder.doCommand(p -> p.command("UID FETCH 2:* (UID)", null).length);
            assertThat((Integer) raw).as("untagged FETCH + tagged OK").isEqualTo(2);
            assertThat(UidCommands.above(folder, 1)).isEmpty();
            folder.close(false);
        }
        assertThat(sync().syncOnce(account.id())).isZero();
        assertThat(ingestion.handedIds()).containsExactly("only@x");
    }

    @Test
    void twoReplicasSyncEachMailboxOnceAndOneTakesOverWhenTheOtherStops() throws Exception {
        fixture.put(fixture.inbox(), "before@x");
        MailboxAccount first = fixture.account();
        MailboxAccount second = fixture.store.accounts().add("user-2", "127.0.0.1", greenMail.getImap().getPort(),
                MailboxAccount.Security.NONE, fixture.user.getLogin(), ImapFixture.PASSWORD, Auth.PASSWORD);
        settings = settings.withPollInterval(Duration.ofMinutes(5));
        RecordingIngestion other = new RecordingIngestion();
        Duration lease = Duration.ofSeconds(3);
        sync = new MailboxSync(fixture.store, ingestion, settings, new Replica("replica-a", lease), fixture.clock);
        try (MailboxSync b = new MailboxSync(fixture.store, other, settings, new Replica("replica-b", lease), fixture.clock)) {
            sync.start();
            b.start();
            List<String> ids = List.of(first.id(), second.id());
            await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().allMatch(id -> sync.watching(id) || b.watching(id)));
            assertThat(ids).allSatisfy(id -> assertThat(sync.watching(id) && b.watching(id)).as(id + " watched twice").isFalse());
            await().atMost(Duration.ofSeconds(20)).until(() -> ingestion.handed().size() + other.handed().size() == 2);
            await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream()
                    .allMatch(id -> fixture.store.statuses().of(id).state() == State.IDLE));

            // "Sync now" asked on the replica that does not hold the mailbox reaches the one that does.
            fixture.put(fixture.folder("Sent Messages"), "sent-now@x");
            for (String id : ids) {
                (sync.watching(id) ? b : sync).requestSync(id);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> Stream.concat(ingestion.handedIds().stream(),
                    other.handedIds().stream()).filter("sent-now@x"::equals).count() == 2);

            sync.close();
            await().atMost(Duration.ofSeconds(20)).until(() -> b.watching(first.id()) && b.watching(second.id()));
            assertThat(fixture.store.leases().holder(first.id())).contains("replica-b");
            fixture.put(fixture.inbox(), "after@x");
            // A pass on each (the status may still say IDLE from the replica that left, so waiting for
            // IDLE would not mean b's own IDLE has begun): only b may fetch it now.
            ids.forEach(b::requestSync);
            await().atMost(Duration.ofSeconds(20)).until(() -> other.handedIds().stream().filter("after@x"::equals).count() == 2);
            assertThat(ingestion.handedIds()).doesNotContain("after@x");
        } finally {
            sync = null;
        }
    }

    @Test
    void newMailArrivingDuringIdleIsPickedUp() throws Exception {
        MailFolder inbox = fixture.inbox();
        fixture.put(inbox, "before@x");
        MailboxAccount account = fixture.account();
        settings = settings.withPollInterval(Duration.ofMinutes(5));
        sync().watch(account.id());
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.store.statuses().of(account.id()).state() == State.IDLE);

        fixture.put(inbox, "during-idle@x");

        await().atMost(Duration.ofSeconds(20)).until(() -> ingestion.handedIds().contains("during-idle@x"));
        assertThat(ingestion.handedIds()).containsExactly("before@x", "during-idle@x");
    }

    @Test
    void withoutIdleNewMailIsPolled() throws Exception {
        MailboxAccount account = fixture.account();
        settings = settings.withIdle(false).withPollInterval(Duration.ofMillis(200));
        sync().watch(account.id());
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.store.statuses().of(account.id()).state() == State.POLLING);

        fixture.put(fixture.inbox(), "polled@x");

        await().atMost(Duration.ofSeconds(20)).until(() -> ingestion.handedIds().contains("polled@x"));
    }

    @Test
    void syncNowEndsTheWaitAndTheSentFolderIsSeen() throws Exception {
        MailFolder sent = fixture.folder("Sent Messages");
        MailboxAccount account = fixture.account();
        settings = settings.withPollInterval(Duration.ofMinutes(5));
        sync().watch(account.id());
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.store.statuses().of(account.id()).state() == State.IDLE);

        fixture.put(sent, "sent-while-idle@x");
        assertThat(sync.syncNow(account.id())).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> ingestion.handedIds().contains("sent-while-idle@x"));
        assertThat(ingestion.handed().get(0).source().sentFolder()).isTrue();
    }

    @Test
    void wrongPasswordIsReportedAndRetriedWithBackoff() throws Exception {
        MailboxAccount account = fixture.account("wrong-password", Auth.PASSWORD);
        sync().watch(account.id());

        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.store.statuses().of(account.id()).state() == State.ERROR);
        MailboxStatus status = fixture.store.statuses().of(account.id());
        assertThat(status.lastError()).contains("AuthenticationFailed").doesNotContain("wrong-password");
        assertThat(MailboxSync.verify(account, "wrong-password", settings)).get().asString()
                .doesNotContain("wrong-password");
        assertThat(MailboxSync.verify(account, ImapFixture.PASSWORD, settings)).isEmpty();
        sync.forget(account.id());
        await().atMost(Duration.ofSeconds(20)).until(() -> !sync.watching(account.id()));
    }

    @Test
    void xoauth2SendsTheAccessTokenAsThePassword() throws Exception {
        fixture.put(fixture.inbox(), "oauth@x");
        // GreenMail accepts XOAUTH2 when the token equals the user's password.
        MailboxAccount account = fixture.account(ImapFixture.PASSWORD, Auth.XOAUTH2);
        assertThat(sync().syncOnce(account.id())).isEqualTo(1);
    }

    @Test
    void largeMessageIsStreamedThroughATemporaryFileIntact() throws Exception {
        byte[] attachment = new byte[3 << 20];
        new Random(1).nextBytes(attachment);
        MimeMessage message = fixture.message("big@x", "Catalogue", "see attached");
        MimeMultipart multipart = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("see attached");
        MimeBodyPart file = new MimeBodyPart();
        file.setContent(attachment, "application/octet-stream");
        file.setFileName("catalogue.bin");
        multipart.addBodyPart(text);
        multipart.addBodyPart(file);
        message.setContent(multipart);
        message.saveChanges();
        message.setHeader("Message-ID", "<big@x>");
        ByteArrayOutputStream original = new ByteArrayOutputStream();
        fixture.inbox().appendMessage(message, new jakarta.mail.Flags(), new java.util.Date());
        fixture.inbox().getMessages().get(0).getMimeMessage().writeTo(original);
        MailboxAccount account = fixture.account();

        sync().syncOnce(account.id());

        Handed big = ingestion.handed().get(0);
        assertThat(big.messageId()).isEqualTo("big@x");
        assertThat(big.size()).isGreaterThan(settings.streamAbove());
        assertThat(big.bytes().length).isEqualTo(big.size());
        assertThat(big.bytes()).as("pieces reassembled byte for byte").isEqualTo(original.toByteArray());
    }

    @Test
    void sentFolderWithAChineseNameIsFoundByItsDecodedName() throws Exception {
        fixture.put(fixture.folder("已发送"), "cn-sent@x");
        MailboxAccount account = fixture.account();

        sync().syncOnce(account.id());

        assertThat(ingestion.handed()).singleElement().satisfies(h -> {
            assertThat(h.source().folder()).isEqualTo("已发送");
            assertThat(h.source().sentFolder()).isTrue();
        });
    }
}
