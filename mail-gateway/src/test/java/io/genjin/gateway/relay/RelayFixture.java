package io.genjin.gateway.relay;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.genjin.gateway.pipeline.ForwardedMessages;
import io.genjin.gateway.pipeline.IngestionPipeline;
import io.genjin.gateway.pipeline.PipelineSettings;
import io.genjin.gateway.pipeline.Understanding;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.linking.LinkMessageToCustomer;
import io.genjin.store.linking.LinkingPolicy;
import io.genjin.store.mail.MailArchive;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxAccount.Auth;
import io.genjin.store.mailbox.MailboxAccount.Security;
import io.genjin.store.mailbox.MailboxStore;
import io.genjin.store.mailbox.SecretCipher;
import io.genjin.store.relay.RelayStore;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import io.genjin.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The relay over a fresh in-memory store with the real ingestion pipeline: rep Li Lei with a mailbox
 * whose SMTP server is {@link FakeUpstream} (or any port given), a customer Acme on acme-trading.de,
 * and an instrumentation that visibly marks every body it is given.
 */
final class RelayFixture implements AutoCloseable {
    static final String REP = "lilei@team.example";
    static final String UPSTREAM_PASSWORD = "provider-app-password";
    static final String PIXEL = "<img src=\"https://track.test/o/";
    final MongoServer server = new MongoServer(new MemoryBackend());
    final MongoClient client;
    final CrmStore store;
    final MailboxStore mailboxes;
    final RelayStore relay;
    final MailArchive archive;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T02:00:00Z"));
    final List<Object> events = new CopyOnWriteArrayList<>();
    final List<Instrumentation.Outgoing> instrumented = new CopyOnWriteArrayList<>();
    final User li;
    final Company acme;
    final MailboxAccount account;
    final OutboundSender sender;
    final IngestionPipeline pipeline;
    final Path dir;
    volatile boolean quotes = true;
    private SmtpRelay smtpRelay;

    RelayFixture(int upstreamPort) throws Exception {
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        var mongo = new org.springframework.data.mongodb.core.MongoTemplate(client, "genjin");
        store = CrmStore.over(mongo, clock, CrmStore.Backend.EMBEDDED);
        mailboxes = MailboxStore.over(mongo, SecretCipher.withKey(new byte[32]), () -> { }, clock);
        relay = RelayStore.over(mongo, clock);
        archive = MailArchive.over(mongo);
        li = store.users().create("Li Lei", List.of(REP, "sales@team.example"), Role.REP, "t1", null, "zh-CN");
        acme = store.companies().insert(Company.create(Ids.newId(), "Acme Trading GmbH", List.of("acme-trading.de"),
                li.id(), clock.instant()));
        MailboxAccount added = mailboxes.accounts().add(li.id(), "imap.provider.test", 993, Security.SSL, REP,
                UPSTREAM_PASSWORD, Auth.PASSWORD);
        mailboxes.accounts().setSmtp(added.id(), new MailboxAccount.Smtp("127.0.0.1", upstreamPort, Security.NONE));
        account = mailboxes.accounts().get(added.id());
        LinkMessageToCustomer linker = new LinkMessageToCustomer(store,
                LinkingPolicy.defaults().withInternalDomains("team.example"), clock);
        pipeline = new IngestionPipeline(store, archive, linker, understanding(),
                ForwardedMessages.standard(), events::add, () -> { }, PipelineSettings.defaults(), clock);
        Instrumentation marking = outgoing -> {
            instrumented.add(outgoing);
            return new Instrumentation.Bodies(
                    outgoing.html() == null ? null : outgoing.html().replace("</body>",
                            PIXEL + outgoing.messageId() + "\"></body>"),
                    outgoing.text());
        };
        sender = new OutboundSender(store, mailboxes, relay, archive, new JakartaUpstream(Duration.ofSeconds(10)),
                marking, understanding(), pipeline, () -> { }, RetryPolicy.DEFAULT, "relay.test", clock);
        dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "relay-test")).toAbsolutePath(), "run-");
    }

    /** A quote is what says "quotation" in the subject: the test decides, not a model. */
    private Understanding understanding() {
        return mail -> new Understanding.Result(false, false,
                quotes && mail.subject() != null && mail.subject().toLowerCase(Locale.ROOT).contains("quotation"),
                null, null);
    }

    SmtpRelay startRelay() {
        Path keyStore = dir.resolve("relay.p12");
        RelayTls.generateIfMissing(keyStore, "changeit", "relay.test");
        RelaySettings d = RelaySettings.defaults(0, keyStore, "changeit");
        RelaySettings settings = new RelaySettings(d.host(), 0, "relay.test", keyStore, "changeit", 256 * 1024,
                d.maxConnections(), d.connectionTimeout(), dir.resolve("spool"));
        smtpRelay = new SmtpRelay(settings, store, relay, sender).start();
        return smtpRelay;
    }

    String issuePassword() {
        return relay.credentials().issue(li.id(), "Foxmail").secret();
    }

    @Override
    public void close() {
        if (smtpRelay != null) {
            smtpRelay.close();
        }
        client.close();
        server.shutdownNow();
    }
}
