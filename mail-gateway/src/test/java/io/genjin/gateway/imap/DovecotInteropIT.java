package io.genjin.gateway.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.genjin.gateway.imap.RecordingIngestion.Handed;
import io.genjin.store.mailbox.FolderCheckpoint;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxAccount.Auth;
import io.genjin.store.mailbox.MailboxAccount.Security;
import io.genjin.store.mailbox.MailboxStatus.State;
import io.genjin.store.mailbox.MailboxStore;
import io.genjin.store.mailbox.SecretCipher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Syncs a real Dovecot (started by scripts/dovecot-test-server, loaded with corpus messages by
 * {@code doveadm save}). Skipped where Dovecot cannot be had, except under CI=true, where it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DovecotInteropIT {
    private Path root;
    private Path dir;
    private int port;
    private String user;
    private String password;
    private List<Path> inboxFiles;
    private List<Path> sentFiles;
    private MongoServer mongoServer;
    private MongoClient client;
    private MailboxStore store;

    @BeforeAll
    void startDovecot() throws Exception {
        root = Path.of("").toAbsolutePath().getParent();
        dir = Files.createTempDirectory("genjin-dovecot-");
        String started = run("start", dir.toString());
        boolean ci = "true".equals(System.getenv("CI"));
        assumeTrue(ci || started != null, "Dovecot is not available here (scripts/dovecot-test-server start failed)");
        assertThat(started).as("under CI=true Dovecot must start").isNotNull();
        Map<String, String> info = Stream.of(started.trim().split(" ")).map(kv -> kv.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        port = Integer.parseInt(info.get("port"));
        user = info.get("user");
        password = info.get("password");
        Path corpora = root.resolveSibling("shared").resolve("corpora");
        inboxFiles = files(corpora.resolve("cjk/letters"), p -> true);
        sentFiles = files(corpora.resolve("reply-forward"), p -> p.toString().endsWith(".eml"));
        assertThat(inboxFiles).as("corpus at " + corpora).hasSizeGreaterThan(50);
        List<String> save = new ArrayList<>(List.of("save", dir.toString(), "INBOX"));
        inboxFiles.forEach(p -> save.add(p.toString()));
        assertThat(run(save.toArray(String[]::new))).isNotNull();
        List<String> saveSent = new ArrayList<>(List.of("save", dir.toString(), "Sent"));
        sentFiles.forEach(p -> saveSent.add(p.toString()));
        assertThat(run(saveSent.toArray(String[]::new))).isNotNull();

        mongoServer = new MongoServer(new MemoryBackend());
        mongoServer.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + mongoServer.getLocalAddress().getPort());
        store = MailboxStore.over(new MongoTemplate(client, "genjin"), SecretCipher.withKey(new byte[32]), () -> { },
                Clock.systemUTC());
    }

    @AfterAll
    void stopDovecot() throws Exception {
        if (dir != null) {
            run("stop", dir.toString());
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (client != null) {
            client.close();
            mongoServer.shutdownNow();
        }
    }

    @Test
    void everyCorpusMessageIsIngestedExactlyOnceAndNewMailArrivesThroughIdle() throws Exception {
        RecordingIngestion ingestion = new RecordingIngestion();
        MailboxAccount account = store.accounts().add("user-1", "127.0.0.1", port, Security.NONE, user, password,
                Auth.PASSWORD);
        SyncSettings settings = SyncSettings.defaults().withChunkMessages(25).withPollInterval(Duration.ofMinutes(5));
        try (MailboxSync sync = new MailboxSync(store, ingestion, settings, Clock.systemUTC())) {
            assertThat(sync.syncOnce(account.id())).isEqualTo(inboxFiles.size() + sentFiles.size());
            assertThat(sync.syncOnce(account.id())).as("a second pass finds nothing new").isZero();
            // RFC 2971: the server advertises ID, so Genjin says who it is before SELECT (NetEase and
            // Coremail refuse SELECT without it); Dovecot logs the ID it received (imap_id_log).
            assertThat(Files.readString(dir.resolve("dovecot.log"))).containsPattern("ID sent: .*name=Genjin");

            List<Handed> handed = ingestion.handed();
            assertThat(handed.stream().map(h -> h.source().folder() + "/" + h.source().uid())).doesNotHaveDuplicates();
            assertThat(handed.stream().filter(h -> h.source().folder().equals("INBOX"))).hasSize(inboxFiles.size());
            assertThat(handed.stream().filter(h -> h.source().folder().equals("Sent") && h.source().sentFolder()))
                    .hasSize(sentFiles.size());
            assertThat(handed).allSatisfy(h -> assertThat(h.size()).isPositive());
            FolderCheckpoint inbox = store.checkpoints().find(account.id(), "INBOX").orElseThrow();
            assertThat(inbox.walking()).isFalse();
            assertThat(inbox.lastUid()).isEqualTo(inboxFiles.size());
            assertThat(store.checkpoints().find(account.id(), "Sent").orElseThrow().lastUid()).isEqualTo(sentFiles.size());

            sync.watch(account.id());
            await().atMost(Duration.ofSeconds(30)).until(() -> store.statuses().of(account.id()).state() == State.IDLE);
            Path extra = dir.resolve("extra.eml");
            Files.writeString(extra, "Message-ID: <idle-on-dovecot@genjin.test>\r\nFrom: buyer@customer.test\r\n"
                    + "To: rep@genjin.test\r\nSubject: =?UTF-8?B?6K+i5Lu3?=\r\n\r\nPlease quote 500 pcs.\r\n", StandardCharsets.UTF_8);
            assertThat(run("save", dir.toString(), "INBOX", extra.toString())).isNotNull();
            await().atMost(Duration.ofSeconds(30)).until(() -> ingestion.handedIds().contains("idle-on-dovecot@genjin.test"));
            assertThat(ingestion.handed()).hasSize(inboxFiles.size() + sentFiles.size() + 1);
        }
    }

    private static List<Path> files(Path dir, Function<Path, Boolean> keep) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).filter(keep::apply).sorted().toList();
        }
    }

    /** Runs the project script; its stdout, or null when it failed. */
    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("scripts/dovecot-test-server").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return process.waitFor() == 0 ? out : null;
    }
}
