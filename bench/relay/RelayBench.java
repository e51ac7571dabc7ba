import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.genjin.gateway.pipeline.ForwardedMessages;
import io.genjin.gateway.pipeline.IngestionPipeline;
import io.genjin.gateway.pipeline.PipelineSettings;
import io.genjin.gateway.pipeline.Understanding;
import io.genjin.gateway.relay.Instrumentation;
import io.genjin.gateway.relay.JakartaUpstream;
import io.genjin.gateway.relay.OutboundSender;
import io.genjin.gateway.relay.RelaySettings;
import io.genjin.gateway.relay.RelayTls;
import io.genjin.gateway.relay.RetryPolicy;
import io.genjin.gateway.relay.SmtpRelay;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.linking.LinkMessageToCustomer;
import io.genjin.store.linking.LinkingPolicy;
import io.genjin.store.mail.MailArchive;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxStore;
import io.genjin.store.mailbox.SecretCipher;
import io.genjin.store.relay.RelayStore;
import io.genjin.store.relay.Tracking;
import io.genjin.store.user.Role;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Relay benchmark: the same messages, sent by a Jakarta Mail client (one connection per message, as
 * mail clients do: EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA, QUIT), either straight to the upstream
 * server or through the Genjin relay (which then signs in to the upstream, sends, and logs to the
 * store through the real ingestion pipeline). Prints messages/s and per-message latency.
 * Arguments: upstream-port messages sessions tracking(ALL|NONE)
 */
public class RelayBench {
    public static void main(String[] args) throws Exception {
        int upstreamPort = Integer.parseInt(args[0]);
        int messages = Integer.parseInt(args[1]);
        int sessions = Integer.parseInt(args[2]);
        Tracking tracking = Tracking.valueOf(args[3]);
        String rep = "bench.rep@ourfactory.test";

        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        MongoTemplate mongo = new MongoTemplate(client, "genjin");
        Clock clock = Clock.systemUTC();
        CrmStore store = CrmStore.over(mongo, clock, CrmStore.Backend.EMBEDDED);
        MailboxStore mailboxes = MailboxStore.over(mongo, SecretCipher.withKey(new byte[32]), () -> { }, clock);
        RelayStore relay = RelayStore.over(mongo, clock);
        MailArchive archive = MailArchive.over(mongo);
        var user = store.users().create("Bench Rep", List.of(rep), Role.REP, null, null, "en");
        store.companies().insert(Company.create(Ids.newId(), "Acme", List.of("acme-bench.test"), user.id(), clock.instant()));
        var account = mailboxes.accounts().add(user.id(), "imap.test", 993, MailboxAccount.Security.SSL, rep, "pw",
                MailboxAccount.Auth.PASSWORD);
        mailboxes.accounts().setSmtp(account.id(), new MailboxAccount.Smtp("127.0.0.1", upstreamPort,
                MailboxAccount.Security.NONE));
        relay.setTracking(user.id(), tracking);
        IngestionPipeline pipeline = new IngestionPipeline(store, archive, new LinkMessageToCustomer(store,
                LinkingPolicy.defaults().withInternalDomains("ourfactory.test"), clock), Understanding.NONE,
                ForwardedMessages.standard(), e -> { }, () -> { }, PipelineSettings.defaults(), clock);
        Instrumentation pixel = o -> new Instrumentation.Bodies(o.html() == null ? null
                : o.html().replace("</body>", "<img src=\"https://t.test/o/" + o.messageId() + "\"></body>"), o.text());
        OutboundSender sender = new OutboundSender(store, mailboxes, relay, archive, new JakartaUpstream(Duration.ofSeconds(30)),
                pixel, Understanding.NONE, pipeline, () -> { }, RetryPolicy.DEFAULT, "relay.bench", clock);
        Path dir = Files.createTempDirectory("relay-bench-");
        Path keyStore = dir.resolve("relay.p12");
        RelayTls.generateIfMissing(keyStore, "benchpass", "relay.bench");
        RelaySettings d = RelaySettings.defaults(0, keyStore, "benchpass");
        SmtpRelay smtpRelay = new SmtpRelay(new RelaySettings(d.host(), 0, "relay.bench", keyStore, "benchpass",
                d.maxMessageBytes(), 200, d.connectionTimeout(), dir.resolve("spool")), store, relay, sender).start();
        String password = relay.credentials().issue(user.id(), "bench").secret();

        System.out.printf("messages %d, %d parallel sessions, tracking %s, one connection per message%n",
                messages, sessions, tracking);
        run("warm-up direct", upstreamPort, false, rep, null, Math.min(100, messages), sessions);
        run("warm-up relay", smtpRelay.port(), true, rep, password, Math.min(100, messages), sessions);
        run("client -> upstream (plain, no auth)", upstreamPort, false, rep, null, messages, sessions).print();
        run("client -> genjin relay (STARTTLS+AUTH) -> upstream + timeline", smtpRelay.port(), true, rep, password,
                messages, sessions).print();
        smtpRelay.close();
        client.close();
        server.shutdownNow();
    }

    record Result(String label, int messages, double seconds, List<Long> micros) {
        void print() {
            Collections.sort(micros);
            System.out.printf("%-64s %7.0f msg/s   latency p50 %5.1f ms  p95 %5.1f ms  p99 %5.1f ms%n", label,
                    messages / seconds, micros.get(micros.size() / 2) / 1000.0,
                    micros.get(micros.size() * 95 / 100) / 1000.0, micros.get(micros.size() * 99 / 100) / 1000.0);
        }
    }

    static Result run(String label, int port, boolean tls, String from, String password, int messages, int sessions)
            throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(port));
        if (tls) {
            p.put("mail.smtp.auth", "true");
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
            p.put("mail.smtp.ssl.trust", "*");
        }
        Session session = Session.getInstance(p);
        AtomicInteger next = new AtomicInteger();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        long started = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            work.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < messages; ) {
                    MimeMessage m = new MimeMessage(session);
                    m.setFrom(new InternetAddress(from));
                    m.setRecipient(Message.RecipientType.TO, new InternetAddress("buyer" + (i % 50) + "@acme-bench.test"));
                    m.setSubject("Quotation " + label.hashCode() + "-" + i);
                    m.setText("<html><body><p>Dear buyer, our quotation " + i + ": USD 12.50 per piece.</p>"
                            + "x".repeat(1500) + "</body></html>", "UTF-8", "html");
                    long t0 = System.nanoTime();
                    if (tls) {
                        Transport.send(m, from, password);
                    } else {
                        Transport.send(m);
                    }
                    micros.add((System.nanoTime() - t0) / 1000);
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        return new Result(label, messages, (System.nanoTime() - started) / 1e9, micros);
    }
}
