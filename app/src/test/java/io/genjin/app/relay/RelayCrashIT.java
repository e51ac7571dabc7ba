package io.genjin.app.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.model.Filters;
import io.genjin.app.support.AppJar;
import io.genjin.app.support.Http;
import io.genjin.app.support.MailClient;
import io.genjin.app.support.StoreFile;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The relay killed mid-send: a mail client sends through the real app jar's relay to the rep's own
 * SMTP server (a loopback server in this test), which accepts the first messages and holds the DATA
 * of the next one without answering. While it holds, the app gets SIGKILL. After the restart the
 * client sends what it never got a 250 for, as clients do. Then: every message the client was
 * acknowledged reached the upstream exactly once and is logged in the store exactly once, and the
 * interrupted one too, once.
 */
class RelayCrashIT {
    private static final String REP = "relay.rep@genjin.test";
    private static final String BUYER = "buyer@relay-customer.example";
    private static final int BEFORE = 10;
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*<([^>]+)>");

    @TempDir
    Path work;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aSendCutOffByAKillIsDeliveredAndLoggedOnceAfterTheClientRetries() throws Exception {
        assumeTrue(AppJar.built(), "no " + AppJar.JAR + ": run through `mvn verify`, which packages first");
        try (HoldingUpstream upstream = new HoldingUpstream(); AppJar apps = new AppJar(work)) {
            int relayPort = AppJar.freePort();
            Map<String, String> env = Map.of("GENJIN_DROPBOX_ENABLED", "false", "GENJIN_MAILBOX_SYNC", "false",
                    "GENJIN_RELAY_PORT", String.valueOf(relayPort), "GENJIN_RELAY_DELIVERYLEASE", "5s",
                    "GENJIN_RELAY_SPOOLDIR", work.resolve("spool").toString(),
                    "GENJIN_SECRET_KEY", "k1:Z2VuamluLXJlbGF5LWNyYXNoLWl0LWZpeGVkLWtleTA=");
            AppJar.Running first = apps.start("first", env);
            String password = setUp(first, upstream.port());

            List<String> acknowledged = new ArrayList<>();
            for (int i = 0; i < BEFORE; i++) {
                String id = "relay-crash-" + i + "@genjin.test";
                send(relayPort, password, id);
                acknowledged.add(id);
            }
            String held = "relay-crash-held@genjin.test";
            upstream.holdNext();
            CompletableFuture<Void> cutOff = CompletableFuture.runAsync(() -> {
                try {
                    send(relayPort, password, held);
                } catch (MessagingException expected) {
                    throw new IllegalStateException(expected);
                }
            });
            assertThat(upstream.holding.await(2, TimeUnit.MINUTES)).as("upstream holds the DATA").isTrue();
            first.kill();
            assertThat(cutOff).failsWithin(Duration.ofMinutes(1));
            upstream.release();

            AppJar.Running second = apps.start("second", env);
            // The client retries; while the dead process's claim lasts it is told 451 "being sent".
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                    .untilAsserted(() -> send(relayPort, password, held));
            second.stop();

            List<String> all = new ArrayList<>(acknowledged);
            all.add(held);
            for (String id : all) {
                assertThat(upstream.accepted.stream().filter(id::equals).count()).as("upstream copies of %s", id)
                        .isEqualTo(1);
            }
            try (StoreFile store = apps.store()) {
                for (String id : all) {
                    assertThat(store.messages().countDocuments(Filters.eq("messageId", id))).as("logged %s", id)
                            .isEqualTo(1);
                }
            }
            System.out.printf("relay crash test: %d sent and acknowledged, 1 cut off by SIGKILL while upstream held"
                    + " its DATA; after the restart and the client's retry each reached upstream and the store once%n",
                    BEFORE);
        }
    }

    /** The rep, a mailbox whose SMTP server is the upstream, and a relay password; returns the password. */
    private static String setUp(AppJar.Running app, int upstreamPort) {
        String userId = app.createUser("Relay Rep", REP);
        Http.Reply mailbox = app.http().post(AppJar.TOKEN, "/api/users/" + userId + "/mailboxes",
                Map.of("host", "127.0.0.1", "port", 1, "security", "NONE", "username", REP, "secret", "upstream-pw",
                        "smtp", Map.of("host", "127.0.0.1", "port", upstreamPort, "security", "NONE")));
        assertThat(mailbox.status()).as(mailbox.body()).isEqualTo(201);
        Http.Reply issued = app.http().post(AppJar.TOKEN, "/api/users/" + userId + "/relay-credentials",
                Map.of("label", "crash test"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.json().get("password").asString();
    }

    /** One message through the relay as a mail client sends it (STARTTLS, AUTH); throws unless 250. */
    private static void send(int port, String password, String messageId) throws MessagingException {
        MimeMessage message = MailClient.message(MailClient.session(port, 120_000), "<" + messageId + ">");
        message.setFrom(new InternetAddress(REP));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(BUYER));
        message.setSubject("Quotation " + messageId);
        message.setText("Please find our quotation.", "UTF-8");
        Transport.send(message, REP, password);
    }

    /** The rep's provider: accepts any login; records what it accepts; holds one DATA when told to. */
    private static final class HoldingUpstream implements AutoCloseable {
        final List<String> accepted = new CopyOnWriteArrayList<>();
        final CountDownLatch holding = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile boolean holdNext;
        private final SMTPServer server;

        HoldingUpstream() {
            server = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("smtp.provider.test")
                    .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((u, pw, c) -> { }))
                    .messageHandlerFactory(context -> new MessageHandler() {
                        @Override
                        public void from(String from) {
                        }

                        @Override
                        public void recipient(String recipient) {
                        }

                        @Override
                        public String data(InputStream data) throws RejectException, IOException {
                            String text = new String(data.readAllBytes(), StandardCharsets.UTF_8);
                            if (holdNext) {
                                holdNext = false;
                                holding.countDown();
                                try {
                                    released.await(5, TimeUnit.MINUTES);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                                // The sender is gone: this DATA was never acknowledged, so nothing was accepted.
                                throw new RejectException(451, "4.3.0 held by the test, never accepted");
                            }
                            Matcher id = MESSAGE_ID.matcher(text);
                            accepted.add(id.find() ? id.group(1) : "(none)");
                            return null;
                        }

                        @Override
                        public void done() {
                        }
                    }).build();
            server.start();
        }

        int port() {
            return server.getPortAllocated();
        }

        void holdNext() {
            holdNext = true;
        }

        void release() {
            released.countDown();
        }

        @Override
        public void close() {
            release();
            server.stop();
        }
    }
}
