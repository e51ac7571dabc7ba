package io.genjin.app.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acknowledgement promise under a crash: the real app jar takes SMTP load from 8 sessions, is
 * killed with SIGKILL mid-load, restarts on the same data, and the clients resend what was not
 * acknowledged (as an MTA would). Then every message stored exactly once, counted in the store's
 * file directly. Needs the jar from `package` (failsafe runs after it) and an ingestion pipeline in
 * the build; without one the dropbox does not listen and this test is skipped.
 */
class DropboxCrashIT {
    private static final Path JAR = Path.of("target", "genjin.jar");
    private static final String TOKEN = "crash-it-admin-token-0123456789";
    private static final String REP = "crash.rep@genjin.test";
    private static final int SESSIONS = 8;
    private static final int ACKS_BEFORE_KILL = 200;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void everyAcknowledgedMessageIsStoredExactlyOnceAfterAKillDuringSmtpLoad() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(JAR), "no " + JAR + ": run through `mvn verify`, which packages first");
        Set<String> acknowledged = new ConcurrentSkipListSet<>();
        Set<String> unacknowledged = new ConcurrentSkipListSet<>();

        App first = start("first");
        createUser(first.httpPort());
        await().atMost(Duration.ofSeconds(30)).until(() -> first.dropboxListening() || first.saysNoPipeline());
        Assumptions.assumeFalse(first.saysNoPipeline(), "this build has no ingestion pipeline: the dropbox stays closed");

        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            int session = s;
            Thread client = new Thread(() -> load(first.dropboxPort(), session, stop, acknowledged, unacknowledged),
                    "crash-load-" + s);
            client.start();
            clients.add(client);
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged.size() >= ACKS_BEFORE_KILL);
        first.process().destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no final commit
        stop.set(true);
        for (Thread client : clients) {
            client.join(30_000);
        }

        App second = start("second");
        await().atMost(Duration.ofSeconds(30)).until(second::dropboxListening);
        try (SmtpSession smtp = new SmtpSession(second.dropboxPort())) {
            for (String id : unacknowledged) {
                assertThat(smtp.send(REP, "bcc@crm.local", message(id))).as("resend of %s", id).isTrue();
            }
        }
        second.process().destroy(); // graceful, so the store file is closed before we open it
        assertThat(second.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        Set<String> all = new TreeSet<>(acknowledged);
        all.addAll(unacknowledged);
        try (StoreFile store = new StoreFile(work.resolve("data").resolve("genjin.mv"))) {
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

    private App start(String name) throws IOException {
        int http = freePort();
        int dropbox = freePort();
        Path log = work.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("GENJIN_DATA_DIR", work.resolve("data").toString());
        builder.environment().put("SERVER_PORT", String.valueOf(http));
        builder.environment().put("GENJIN_DROPBOX_PORT", String.valueOf(dropbox));
        builder.environment().put("GENJIN_ADMIN_TOKEN", TOKEN);
        // Relaxed binding: genjin.dropbox.spool-dir. What a kill leaves there goes with the test's temp dir.
        builder.environment().put("GENJIN_DROPBOX_SPOOLDIR", work.resolve("spool").toString());
        builder.environment().remove("MONGODB_URI");
        Process process = builder.start();
        started.add(process);
        App app = new App(process, http, dropbox, log);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(process.isAlive()).as("app exited: %s", app.logTail()).isTrue();
            return app.healthy();
        });
        return app;
    }

    private static void createUser(int httpPort) throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/users"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Crash Rep\",\"addresses\":[\"" + REP + "\"],\"role\":\"REP\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record App(Process process, int httpPort, int dropboxPort, Path log) {
        boolean healthy() {
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                return health.body().contains("\"UP\"");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        boolean dropboxListening() {
            try (Socket ignored = new Socket("127.0.0.1", dropboxPort)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        /** What SmtpDropboxConfiguration logs when the build has no MailIngestion. */
        boolean saysNoPipeline() {
            try {
                return Files.readString(log).contains("SMTP dropbox not started");
            } catch (IOException e) {
                return false;
            }
        }

        String logTail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
            } catch (IOException e) {
                return "(no log)";
            }
        }
    }

    /** The embedded store's file, opened the way the app opens it, after the app has stopped. */
    private static final class StoreFile implements AutoCloseable {
        private final MongoServer server;
        private final MongoClient client;

        StoreFile(Path file) {
            server = new MongoServer(new H2Backend(file.toString()));
            var address = server.bind();
            client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        }

        MongoCollection<Document> messages() {
            return client.getDatabase("genjin").getCollection("messages");
        }

        @Override
        public void close() {
            client.close();
            server.shutdownNow();
        }
    }
}
