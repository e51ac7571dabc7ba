package io.genjin.app.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import io.genjin.app.support.AppJar;
import io.genjin.app.support.StoreFile;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acknowledgement promise under a crash: the real app jar takes SMTP load from 8 sessions, is
 * killed with SIGKILL mid-load, restarts on the same data, and the clients resend what was not
 * acknowledged (as an MTA would). Then every message stored exactly once, counted in the store's
 * file directly. The first app makes its store durable only at a checkpoint every ten minutes, so the
 * acknowledged messages it had not committed are in the dropbox's journal alone when it is killed, and
 * the second start must ingest them from there. Needs the jar from `package` (failsafe runs after it) and an ingestion pipeline in
 * the build; without one the dropbox does not listen and this test is skipped.
 */
class DropboxCrashIT {
    private static final String REP = "crash.rep@genjin.test";
    private static final int SESSIONS = 8;
    private static final int ACKS_BEFORE_KILL = 200;

    @TempDir
    Path work;
    private AppJar apps;

    @BeforeEach
    void apps() {
        apps = new AppJar(work);
    }

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        apps.close();
    }

    @Test
    void everyAcknowledgedMessageIsStoredExactlyOnceAfterAKillDuringSmtpLoad() throws Exception {
        Assumptions.assumeTrue(AppJar.built(), "no " + AppJar.JAR + ": run through `mvn verify`, which packages first");
        Set<String> acknowledged = new ConcurrentSkipListSet<>();
        Set<String> unacknowledged = new ConcurrentSkipListSet<>();

        Dropbox first = start("first", Map.of("GENJIN_DROPBOX_CHECKPOINTEVERY", "10m"));
        first.app().createUser("Crash Rep", REP);
        await().atMost(Duration.ofSeconds(30)).until(() -> first.listening() || first.saysNoPipeline());
        Assumptions.assumeFalse(first.saysNoPipeline(), "this build has no ingestion pipeline: the dropbox stays closed");

        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            int session = s;
            Thread client = new Thread(() -> load(first.port(), session, stop, acknowledged, unacknowledged),
                    "crash-load-" + s);
            client.start();
            clients.add(client);
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged.size() >= ACKS_BEFORE_KILL);
        first.app().kill();
        stop.set(true);
        for (Thread client : clients) {
            client.join(30_000);
        }

        Dropbox second = start("second");
        await().atMost(Duration.ofSeconds(30)).until(second::listening);
        assertThat(second.app().logSays("read again from its journal")).as("the second start read the journal").isTrue();
        try (SmtpSession smtp = new SmtpSession(second.port())) {
            for (String id : unacknowledged) {
                assertThat(smtp.send(REP, "bcc@crm.local", message(id))).as("resend of %s", id).isTrue();
            }
        }
        second.app().stop();

        Set<String> all = new TreeSet<>(acknowledged);
        all.addAll(unacknowledged);
        try (StoreFile store = apps.store()) {
            for (String id : all) {
                assertThat(store.messages().countDocuments(Filters.eq("messageId", id))).as(id).isEqualTo(1);
            }
            assertThat(store.messages().countDocuments(Filters.regex("messageId", "^crash-"))).isEqualTo(all.size());
        }
        System.out.printf("crash test: %d acknowledged before SIGKILL, %d in flight resent, %d stored once each%n",
                acknowledged.size(), unacknowledged.size(), all.size());
    }

    /** One client: sends numbered messages until the server dies or the test says stop. */
    private static void load(int port, int session, AtomicBoolean stop, Set<String> acknowledged,
            Set<String> unacknowledged) {
        int n = 0;
        try (SmtpSession smtp = new SmtpSession(port)) {
            while (!stop.get()) {
                String id = "crash-" + session + "-" + n++ + "@genjin.test";
                unacknowledged.add(id);
                if (smtp.send(REP, "bcc@crm.local", message(id))) {
                    acknowledged.add(id);
                    unacknowledged.remove(id);
                }
            }
        } catch (IOException killed) {
            // The server went away mid-transaction: what was in flight stays unacknowledged.
        }
    }

    private static String message(String id) {
        return "From: Crash Rep <" + REP + ">\nTo: Buyer <buyer@crash-customer.example>\n"
                + "Subject: Quotation " + id + "\nMessage-ID: <" + id + ">\nDate: Mon, 2 Nov 2026 10:00:00 +0800\n\n"
                + "Please find our quotation.\n";
    }

    private Dropbox start(String name) throws IOException {
        return start(name, Map.of());
    }

    private Dropbox start(String name, Map<String, String> settings) throws IOException {
        int port = AppJar.freePort();
        // Relaxed binding: genjin.dropbox.spool-dir. What a kill leaves there goes with the test's temp dir.
        Map<String, String> env = new java.util.HashMap<>(settings);
        env.put("GENJIN_DROPBOX_PORT", String.valueOf(port));
        env.put("GENJIN_DROPBOX_SPOOLDIR", work.resolve("spool").toString());
        AppJar.Running app = apps.start(name, env);
        return new Dropbox(app, port);
    }

    /** The app and its dropbox port. */
    private record Dropbox(AppJar.Running app, int port) {
        boolean listening() {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        /** What SmtpDropboxConfiguration logs when the build has no MailIngestion. */
        boolean saysNoPipeline() {
            return app.logSays("SMTP dropbox not started");
        }
    }
}
