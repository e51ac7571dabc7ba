package io.genjin.app.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.model.Filters;
import io.genjin.app.support.AppJar;
import io.genjin.app.support.Http;
import io.genjin.app.support.StoreFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.server.SMTPServer;
import tools.jackson.databind.JsonNode;

/**
 * Sequence steps killed mid-send. Four contacts are enrolled in a three-step sequence whose steps
 * are due at once and two seconds apart; the rep's SMTP server is a loopback server in this test,
 * which records the Message-ID of every message it accepts. The real app jar gets SIGKILL at the
 * dangerous moment, and is started again on the same data until every enrolment completed:
 * <ul>
 * <li>while the server holds the DATA of the fifth step sent, unanswered (the message was never
 *     accepted): every step of every enrolment then reached the server exactly once, none skipped,
 *     and the store records each once;</li>
 * <li>right after the server answered 250 to the fifth step (the only window SMTP leaves open: the
 *     message went out, and Genjin may not have recorded it yet): no step skipped; the killed one
 *     reached the server once or twice (printed), recorded once.</li>
 * </ul>
 * No test-only code in the product places the kill: the server signals when it holds the DATA, or
 * when it has written its 250.
 */
class SequenceCrashIT {
    private static final String REP = "sequence.rep@genjin.test";
    private static final int CONTACTS = 4;
    private static final int STEPS = 3;
    private static final int KILL_AT = 5;
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*<([^>]+)>");

    @TempDir
    Path work;

    @Test
    @Timeout(value = 16, unit = TimeUnit.MINUTES)
    void stepsKilledWhileTheServerHoldsADataAreEachSentOnceAndNoneIsSkipped() throws Exception {
        assumeTrue(AppJar.built(), "no " + AppJar.JAR + ": run through `mvn verify`, which packages first");
        try (Upstream upstream = new Upstream(); AppJar apps = new AppJar(work)) {
            upstream.holdData(KILL_AT);
            Run run = enrolAndKill(apps, upstream, upstream.holding);
            upstream.release();

            List<String> expected = finish(apps, run);
            for (String id : expected) {
                assertThat(upstream.count(id)).as("copies of %s the server accepted", id).isEqualTo(1);
            }
            assertStored(apps, expected);
            System.out.printf("sequence crash test (mid-DATA): killed while the server held the DATA of step %d of %d;"
                    + " after the restart all %d steps reached it once each, none skipped; the second run met the dead"
                    + " process's claim (BUSY) %d time(s)%n", KILL_AT, expected.size(), expected.size(), run.busy[0]);
        }
    }

    @Test
    @Timeout(value = 16, unit = TimeUnit.MINUTES)
    void stepsKilledRightAfterTheServersAcceptanceAreNeverSkippedAndTheWindowIsMeasured() throws Exception {
        assumeTrue(AppJar.built(), "no " + AppJar.JAR + ": run through `mvn verify`, which packages first");
        try (Upstream upstream = new Upstream(); AppJar apps = new AppJar(work)) {
            upstream.signalAfterAccepting(KILL_AT);
            Run run = enrolAndKill(apps, upstream, upstream.answered);
            String killed = upstream.signalled;

            List<String> expected = finish(apps, run);
            for (String id : expected) {
                long copies = upstream.count(id);
                if (id.equals(killed)) {
                    // SMTP has no idempotent submission: accepted, then killed before Genjin's record was
                    // durable, the step goes out again. Never skipped; at most one extra copy.
                    assertThat(copies).as("copies of the step killed after its 250, %s", id).isBetween(1L, 2L);
                } else {
                    assertThat(copies).as("copies of %s the server accepted", id).isEqualTo(1);
                }
            }
            assertStored(apps, expected);
            System.out.printf("sequence crash test (after 250): killed when the server had answered 250 to step %d;"
                    + " after the restart that step had reached the server %d time(s) (%s), every other step once,"
                    + " none skipped%n", KILL_AT, upstream.count(killed), upstream.count(killed) == 1
                            ? "the send was durable before the kill landed" : "sent again: the kill landed before"
                                    + " the send was durable");
        }
    }

    private record Run(Map<String, String> env, String token, String sequenceId, List<String> enrollments, long[] busy) {
    }

    /** Starts the app, sets up the rep, the sequence and the enrolments, waits for {@code killPoint}, kills. */
    private Run enrolAndKill(AppJar apps, Upstream upstream, CountDownLatch killPoint) throws Exception {
        Map<String, String> env = Map.ofEntries(Map.entry("GENJIN_DROPBOX_ENABLED", "false"),
                Map.entry("GENJIN_MAILBOX_SYNC", "false"), Map.entry("GENJIN_RELAY_ENABLED", "false"),
                Map.entry("GENJIN_SECRET_KEY", "k1:Z2VuamluLXNlcXVlbmNlLWNyYXNoLWl0LWZpeGVkLWs="),
                Map.entry("GENJIN_SEQUENCES_SCANINTERVAL", "1s"), Map.entry("GENJIN_SEQUENCES_MINGAP", "0s"),
                Map.entry("GENJIN_SEQUENCES_MAXGAP", "0s"),
                // The enrolment's claim lapses long before the send's (genjin.relay.delivery-lease, five
                // minutes by default, 45 s here so that the test does not wait five minutes for it): the
                // restarted runner meets the dead process's claim on the step (BUSY) until then.
                Map.entry("GENJIN_SEQUENCES_LEASE", "10s"), Map.entry("GENJIN_RELAY_DELIVERYLEASE", "45s"));
        AppJar.Running first = apps.start("first", env);
        String userId = first.createUser("Sequence Rep", REP);
        Http.Reply mailbox = first.http().post(AppJar.TOKEN, "/api/users/" + userId + "/mailboxes",
                Map.of("host", "127.0.0.1", "port", 1, "security", "NONE", "username", REP, "secret", "upstream-pw",
                        "smtp", Map.of("host", "127.0.0.1", "port", upstream.port(), "security", "NONE")));
        assertThat(mailbox.status()).as(mailbox.body()).isEqualTo(201);
        Http.Reply issued = first.http().post(AppJar.TOKEN, "/api/users/" + userId + "/tokens", Map.of("label", "crash"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String token = issued.json().get("secret").asString();
        Http http = first.http();

        Http.Reply sequence = http.post(token, "/api/sequences", Map.of("name", "Crash follow-up", "defaultLanguage", "en",
                "window", Map.of("start", "00:00", "end", "23:59", "days", List.of("MONDAY", "TUESDAY", "WEDNESDAY",
                        "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")),
                "steps", List.of(step("PT0S", "Our offer"), step("PT2S", "Following up"), step("PT2S", "Last note"))));
        assertThat(sequence.status()).as(sequence.body()).isEqualTo(201);
        String sequenceId = sequence.json().get("id").asString();

        List<String> enrollments = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            // One domain each: the per-domain daily cap stays out of the way.
            Http.Reply company = http.post(token, "/api/companies", Map.of("name", "Buyer " + i,
                    "domains", List.of("buyer" + i + ".example"), "country", "GB"));
            assertThat(company.status()).as(company.body()).isEqualTo(201);
            Http.Reply contact = http.post(token, "/api/companies/" + company.json().get("id").asString() + "/contacts",
                    Map.of("name", "Buyer " + i, "addresses", List.of("purchasing@buyer" + i + ".example")));
            assertThat(contact.status()).as(contact.body()).isEqualTo(201);
            Http.Reply enrolled = http.post(token, "/api/sequences/" + sequenceId + "/enrollments",
                    Map.of("contactId", contact.json().get("id").asString(), "timeZone", "UTC"));
            assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
            enrollments.add(enrolled.json().get("id").asString());
        }

        assertThat(killPoint.await(3, TimeUnit.MINUTES)).as("the server reached step %d: %s", KILL_AT, first.logTail())
                .isTrue();
        first.kill();
        return new Run(env, token, sequenceId, enrollments, new long[1]);
    }

    private static Map<String, Object> step(String delay, String subject) {
        return Map.of("delay", delay, "variants", List.of(Map.of("language", "en", "subject", subject,
                "body", "Dear {{contact.firstName}},\n\n" + subject + ".\n\n{{owner.name}}")));
    }

    /** Restarts on the same data until every enrolment completed; returns every step's Message-ID. */
    private static List<String> finish(AppJar apps, Run run) throws Exception {
        AppJar.Running second = apps.start("second", run.env());
        await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            JsonNode all = second.http().get(run.token(), "/api/sequences/" + run.sequenceId() + "/enrollments").json();
            List<String> statuses = new ArrayList<>();
            all.forEach(e -> statuses.add(e.get("status").asString()));
            assertThat(statuses).as(second.logTail()).hasSize(CONTACTS).containsOnly("COMPLETED");
        });
        run.busy()[0] = second.logLines(" BUSY messageId=");
        second.stop();
        List<String> ids = new ArrayList<>();
        for (String e : run.enrollments()) {
            for (int s = 0; s < STEPS; s++) {
                ids.add(e + "." + s + ".seq@genjin.local");
            }
        }
        return ids;
    }

    /** Each enrolment recorded every step once; each step is one sent outbound message and one timeline message. */
    private static void assertStored(AppJar apps, List<String> expected) {
        try (StoreFile store = apps.store()) {
            for (Document e : store.collection("sequence_enrollments").find()) {
                List<Integer> steps = new ArrayList<>();
                for (Document sent : e.getList("sent", Document.class)) {
                    steps.add(sent.getInteger("step"));
                }
                assertThat(steps).as("steps recorded for %s", e.get("_id")).containsExactly(0, 1, 2);
            }
            for (String id : expected) {
                assertThat(store.collection("outbound_mail").countDocuments(Filters.and(Filters.eq("messageId", id),
                        Filters.eq("status", "SENT")))).as("outbound record of %s", id).isEqualTo(1);
                assertThat(store.messages().countDocuments(Filters.eq("messageId", id))).as("logged %s", id).isEqualTo(1);
            }
        }
    }

    /**
     * The rep's provider: accepts any login, records the Message-ID of what it accepts; holds the n-th
     * DATA unanswered when told to, or signals once it has written its 250 to the n-th.
     */
    private static final class Upstream implements AutoCloseable {
        final List<String> accepted = new CopyOnWriteArrayList<>();
        final CountDownLatch holding = new CountDownLatch(1);
        final CountDownLatch answered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicInteger datas = new AtomicInteger();
        private volatile int holdAt = -1;
        private volatile int signalAt = -1;
        volatile String signalled;
        private final SMTPServer server;

        Upstream() {
            server = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("smtp.provider.test")
                    .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((u, pw, c) -> { }))
                    .messageHandlerFactory(context -> new MessageHandler() {
                        private String signalOnDone;

                        @Override
                        public void from(String from) {
                        }

                        @Override
                        public void recipient(String recipient) {
                        }

                        @Override
                        public String data(InputStream data) throws RejectException, IOException {
                            String text = new String(data.readAllBytes(), StandardCharsets.UTF_8);
                            Matcher m = MESSAGE_ID.matcher(text);
                            String id = m.find() ? m.group(1) : "(none)";
                            int n = datas.incrementAndGet();
                            if (n == holdAt) {
                                holding.countDown();
                                try {
                                    released.await(5, TimeUnit.MINUTES);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                                // The sender is gone: this DATA was never acknowledged, so nothing was accepted.
                                throw new RejectException(451, "4.3.0 held by the test, never accepted");
                            }
                            accepted.add(id);
                            if (n == signalAt) {
                                signalOnDone = id;
                            }
                            return null;
                        }

                        @Override
                        public void done() {
                            // Called once the reply to DATA (here 250) has been written to the sender.
                            if (signalOnDone != null) {
                                signalled = signalOnDone;
                                answered.countDown();
                            }
                        }
                    }).build();
            server.start();
        }

        int port() {
            return server.getPortAllocated();
        }

        void holdData(int n) {
            holdAt = n;
        }

        void signalAfterAccepting(int n) {
            signalAt = n;
        }

        long count(String messageId) {
            return accepted.stream().filter(messageId::equals).count();
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
