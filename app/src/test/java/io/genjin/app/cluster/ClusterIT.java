package io.genjin.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.genjin.app.support.AppJar;
import io.genjin.app.support.DovecotTestServer;
import io.genjin.app.support.Http;
import io.genjin.app.ui.Browser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;

/**
 * Several Genjin processes, one book, on this machine: {@code genjin store} serves the embedded store
 * over the wire; two {@code gateway} processes, one {@code tracking} and one {@code api,followup}
 * connect to it with {@code MONGODB_URI}; nginx (Debian's) is the one address of the web UI, the API
 * and the tracking links, and balances each to the processes that serve it. Two Dovecot mailboxes are
 * synced, BCC mail arrives at a gateway's dropbox, a quotation's pixel is hit through nginx and a
 * Chromium session signs in through it. Then one gateway is killed with SIGKILL: its mailboxes move to
 * the other within the lease time, and every message on the IMAP servers and every BCC message is in
 * the store exactly once. The quotation read many times on the tracking process gives one HIGH task
 * and one notification, sent by the followup process (the event crosses processes through the outbox).
 *
 * <p>Sizes come from system properties so {@code bench/cluster/run} can push more through the same
 * code: {@code cluster.messages} per mailbox (20), {@code cluster.hits} pixel hits (200).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ClusterIT {
    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final Duration LEASE = Duration.ofSeconds(6);
    private static final String BROWSER_AGENT =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    private static final int MESSAGES = Integer.getInteger("cluster.messages", 20);
    private static final int HITS = Integer.getInteger("cluster.hits", 200);

    private Path work;
    private AppJar apps;
    private final List<DovecotTestServer> dovecots = new ArrayList<>();
    private Process nginx;
    private MongoClient client;
    private MongoDatabase db;
    private final Map<String, AppJar.Running> gateways = new HashMap<>();
    private AppJar.Running tracking;
    private AppJar.Running api;
    private int storePort;
    private int web;
    private final Map<String, Integer> dropboxPorts = new HashMap<>();
    private final List<String> figures = new ArrayList<>();
    private String quotePixel;
    private String repToken;
    private String repId;

    @BeforeAll
    void startTheCluster() throws Exception {
        assumeTrue(AppJar.built(), "no " + AppJar.JAR + ": run through `mvn verify`, which packages first");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nginx")) || ci(), "nginx is not installed (scripts/install-test-deps)");
        Browser.assumeInstalled();
        // Under the build directory (the processes' logs and the store stay for a look after a failed
        // run, and `mvn clean` removes them), not in the system's temporary directory.
        work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "cluster-it")).toAbsolutePath(), "run-");
        apps = new AppJar(work);
        long t0 = System.nanoTime();
        dovecots.add(DovecotTestServer.withInbox(MESSAGES, corpus(), "cluster-a", 0));
        dovecots.add(DovecotTestServer.withInbox(MESSAGES, corpus(), "cluster-b", 0));

        storePort = AppJar.freePort();
        Process store = apps.command("store", Map.of(), List.of("store", "--port", String.valueOf(storePort),
                "--data-dir", work.resolve("store").toString()));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(store.isAlive()).as("the store process exited").isTrue();
            return listening(storePort);
        });
        client = MongoClients.create("mongodb://127.0.0.1:" + storePort);
        db = client.getDatabase("genjin");

        web = AppJar.freePort();
        int trackingPort = AppJar.freePort();
        int apiPort = AppJar.freePort();
        // nginx is configured before the apps start: the public URLs the apps put in mail point at it.
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        for (String name : List.of("gateway-1", "gateway-2")) {
            int dropbox = AppJar.freePort();
            dropboxPorts.put(name, dropbox);
            starting.add(CompletableFuture.runAsync(() -> gateways.put(name, start(name, Map.of("GENJIN_ROLES", "gateway",
                    "GENJIN_MAILBOX_REPLICAID", name, "GENJIN_DROPBOX_PORT", String.valueOf(dropbox))))));
        }
        starting.add(CompletableFuture.runAsync(() -> tracking = start("tracking", Map.of("GENJIN_ROLES", "tracking",
                "SERVER_PORT", String.valueOf(trackingPort)))));
        starting.add(CompletableFuture.runAsync(() -> api = start("api-followup", Map.of("GENJIN_ROLES", "api,followup",
                "SERVER_PORT", String.valueOf(apiPort)))));
        nginx = startNginx(web, List.of(apiPort), List.of(trackingPort));
        CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        figures.add(String.format("start: store, 4 app processes and nginx healthy after %.1f s", seconds(t0)));
    }

    @AfterAll
    void stopTheCluster() throws Exception {
        if (!figures.isEmpty()) {
            System.out.println("Cluster figures:\n  " + String.join("\n  ", figures));
        }
        if (client != null) {
            client.close();
        }
        if (nginx != null) {
            nginx.destroyForcibly().waitFor();
        }
        if (apps != null) {
            apps.close();
        }
        for (DovecotTestServer dovecot : dovecots) {
            dovecot.close();
        }
    }

    @Test
    @Order(1)
    void mailSyncedByTwoGatewaysMovesToTheSurvivorOfAKillAndEveryMessageIsStoredOnce() throws Exception {
        Http http = new Http(web);
        repId = createUser(http, "Cluster Rep", "rep@genjin.test");
        Http.Reply token = http.post(AppJar.TOKEN, "/api/users/" + repId + "/tokens", Map.of("label", "cluster"));
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        repToken = token.json().get("secret").asString();
        String otherId = createUser(http, "Cluster Rep B", "rep-b@genjin.test");

        long t0 = System.nanoTime();
        List<String> accounts = new ArrayList<>();
        List<String> owners = List.of(repId, otherId);
        for (int i = 0; i < 2; i++) {
            DovecotTestServer dovecot = dovecots.get(i);
            Http.Reply added = http.post(AppJar.TOKEN, "/api/users/" + owners.get(i) + "/mailboxes", Map.of("host", "127.0.0.1",
                    "port", dovecot.port(), "security", "NONE", "username", dovecot.user(), "secret", dovecot.password()));
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            accounts.add(added.json().get("id").asString());
        }
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> inbox(repId).size() == MESSAGES && inbox(otherId).size() == MESSAGES);
        figures.add(String.format("IMAP: 2 mailboxes x %d messages synced by 2 gateways in %.1f s from adding them (%.1f msg/s)",
                MESSAGES, seconds(t0), 2.0 * MESSAGES / seconds(t0)));

        Map<String, String> holders = new HashMap<>();
        for (String account : accounts) {
            Document lease = lease(account);
            assertThat(lease).as("lease of " + account).isNotNull();
            holders.put(account, lease.getString("holder"));
        }
        String victim = holders.values().iterator().next();
        String survivor = victim.equals("gateway-1") ? "gateway-2" : "gateway-1";
        List<String> moving = accounts.stream().filter(a -> holders.get(a).equals(victim)).toList();
        gateways.get(victim).kill();
        long killedAt = System.nanoTime();

        // New mail arrives while the victim is dead: it must reach the store through the survivor.
        for (int i = 0; i < 2; i++) {
            for (int n = 0; n < 3; n++) {
                dovecots.get(i).deliver("INBOX", mail("after-kill-" + i + "-" + n + "@cluster.test", "buyer@acme-cluster.example",
                        "rep@genjin.test", "Order question " + n));
            }
        }
        await().atMost(LEASE.multipliedBy(3)).pollInterval(Duration.ofMillis(100)).until(() -> moving.stream()
                .allMatch(a -> lease(a) != null && survivor.equals(lease(a).getString("holder"))));
        double movedAfter = seconds(killedAt);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> inbox(repId).size() == MESSAGES + 3 && inbox(otherId).size() == MESSAGES + 3);
        figures.add(String.format("failover: %s killed (SIGKILL) holding %d of 2 mailboxes; %s held them after %.1f s"
                + " (lease %d s); the 6 messages delivered meanwhile stored %.1f s after the kill", victim, moving.size(),
                survivor, movedAfter, LEASE.toSeconds(), seconds(killedAt)));
        assertThat(movedAfter).as("mailboxes move within the lease time (plus a renewal round)")
                .isLessThan(LEASE.toSeconds() * 1.34 + 2);

        for (int i = 0; i < 2; i++) {
            Set<String> onServer = new TreeSet<>(dovecots.get(i).messageIds("INBOX").values());
            List<String> stored = inbox(owners.get(i));
            assertThat(stored).as("each message stored once").doesNotHaveDuplicates();
            assertThat(new TreeSet<>(stored)).as("mailbox %d: every message on the server, nothing else", i)
                    .isEqualTo(onServer);
        }

        // BCC-to-CRM at the survivor's dropbox, several messages, each stored once.
        long bcc0 = System.nanoTime();
        List<String> bccIds = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            String id = "bcc-" + n + "@cluster.test";
            bccIds.add(id);
            smtp(dropboxPorts.get(survivor), "rep@genjin.test", List.of("bcc@crm.local"),
                    mail(id, "rep@genjin.test", "buyer@acme-cluster.example", "Quotation " + n));
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                db.getCollection("messages").countDocuments(Filters.in("messageId", bccIds)) == bccIds.size());
        figures.add(String.format("BCC: 5 messages accepted by %s's dropbox and stored in %.1f s", survivor, seconds(bcc0)));
        for (String id : bccIds) {
            assertThat(db.getCollection("messages").countDocuments(Filters.eq("messageId", id))).as(id).isEqualTo(1);
        }
    }

    @Test
    @Order(2)
    void pixelHitsThroughNginxAreAllStoredAndAChromiumSessionWorksThroughIt() throws Exception {
        Http http = new Http(web);
        // A domain of its own: the mail of test 1 (to acme-cluster.example) may have made a lead in the
        // public pool by now, which the rep could neither create again nor find.
        Http.Reply customer = http.post(repToken, "/api/companies", Map.of("name", "Acme Cluster Trading",
                "domains", List.of("acme-tracked.example"), "ownerId", repId));
        String companyId;
        if (customer.status() == 201) {
            companyId = customer.json().get("id").asString();
        } else {
            Http.Reply found = http.get(repToken, "/api/companies?q=acme-tracked");
            assertThat(found.json().findValue("id")).as("created: %s; found: %s", customer, found).isNotNull();
            companyId = found.json().findValue("id").asString();
        }
        var instrumented = http.post(repToken, "/api/tracking/instrument", Map.of("messageId", "<quote-cluster@genjin.test>",
                "quote", true, "subject", "Quotation QC-1", "html", "<p>Our offer</p>", "companyId", companyId,
                "recipients", List.of("buyer@acme-tracked.example")));
        assertThat(instrumented.status()).as(instrumented.toString()).isEqualTo(201);
        String trackedId = instrumented.json().get("trackedId").asString();
        URI pixel = URI.create(instrumented.json().get("recipients").get(0).get("pixelUrl").asString());
        assertThat(pixel.getPort()).as("the links point at nginx").isEqualTo(web);
        quotePixel = pixel.getRawPath();

        HttpClient hitter = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long t0 = System.nanoTime();
        for (int i = 0; i < HITS; i++) {
            HttpResponse<Void> hit = hitter.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web + quotePixel))
                    .header("User-Agent", BROWSER_AGENT).GET().build(), HttpResponse.BodyHandlers.discarding());
            assertThat(hit.statusCode()).isEqualTo(200);
        }
        double answered = seconds(t0);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                http.get(repToken, "/api/tracking/messages/" + trackedId).json().get("storedHits").asLong() >= HITS);
        assertThat(http.get(repToken, "/api/tracking/messages/" + trackedId).json().get("storedHits").asLong())
                .as("every hit stored once").isEqualTo(HITS);
        figures.add(String.format("pixel: %d hits, one at a time through nginx, answered in %.2f s (%.0f hits/s), all stored after %.2f s",
                HITS, answered, HITS / answered, seconds(t0)));

        try (Browser browser = Browser.open("http://127.0.0.1:" + web, "en-US,en")) {
            browser.signIn(repToken);
            assertThat(browser.path()).startsWith("/customers");
            String session = browser.cookie("SESSION");
            assertThat(session).as("Spring Session's cookie").isNotNull();
            assertThat(db.getCollection("http_sessions").countDocuments()).as("sessions kept in the store").isPositive();
            browser.go("/tasks");
            assertThat(browser.path()).as("still signed in").startsWith("/tasks");
            assertThat(browser.text(By.cssSelector("form.signout button"))).isNotBlank();
        }
    }

    @Test
    @Order(3)
    void aQuoteReadTwiceOnTheTrackingProcessRaisesOneHighTaskAndOneNotificationFromTheFollowupProcess() {
        Http http = new Http(web);
        // The pixel was read HITS times in test 2 (session gap 1 ms): one strong-intent signal, however often.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                highTasks(http).size() >= 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> highTasks(http).size() == 1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.logLines("(INTENT)") >= 1);
        var notifications = http.get(repToken, "/api/notifications").json();
        long aboutIntent = Stream.iterate(0, i -> i < notifications.size(), i -> i + 1).map(notifications::get)
                .filter(n -> n.toString().contains("INTENT")).count();
        assertThat(aboutIntent).as("one notification: " + notifications).isEqualTo(1);
        assertThat(api.logLines("(INTENT)")).as("notified once, by the followup process").isEqualTo(1);
        assertThat(tracking.logLines("(INTENT)")).as("the tracking process notifies nobody").isZero();
    }

    /** The lease of a mailbox; its id is the account id, which the app's mapping stores as an ObjectId. */
    private Document lease(String accountId) {
        return db.getCollection("mailbox_leases").find(Filters.in("_id", accountId, new org.bson.types.ObjectId(accountId))).first();
    }

    private List<String> highTasks(Http http) {
        var tasks = http.get(repToken, "/api/tasks").json();
        List<String> high = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            if ("HIGH".equals(tasks.get(i).get("priority").asString())) {
                high.add(tasks.get(i).get("id").asString());
            }
        }
        return high;
    }

    private AppJar.Running start(String name, Map<String, String> roles) {
        Map<String, String> env = new HashMap<>(Map.of(
                "MONGODB_URI", "mongodb://127.0.0.1:" + storePort + "/genjin",
                "GENJIN_TRACKING_KEY", KEY, "GENJIN_SECRET_KEY", KEY,
                "GENJIN_TRACKING_BASE_URL", "http://127.0.0.1:" + web, "GENJIN_PUBLIC_URL", "http://127.0.0.1:" + web,
                "GENJIN_MAILBOX_LEASETTL", LEASE.toSeconds() + "s", "GENJIN_RELAY_ENABLED", "false",
                "GENJIN_TRACKING_DELIVERYWINDOW", "0s", "GENJIN_TRACKING_SESSIONGAP", "1ms"));
        env.put("GENJIN_DROPBOX_ENABLED", roles.containsKey("GENJIN_DROPBOX_PORT") ? "true" : "false");
        // Five JVMs share two cores here: the client compiler alone starts them sooner.
        env.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -Xmx512m -XX:+UseSerialGC");
        env.putAll(roles);
        try {
            return apps.start(name, env);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** nginx in the foreground, one process, its files under the work dir; round-robin over each list. */
    private Process startNginx(int port, List<Integer> webPorts, List<Integer> trackingPorts) throws Exception {
        Path dir = Files.createDirectories(work.resolve("nginx"));
        String conf = """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 512; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  upstream web { %2$s keepalive 16; }
                  upstream tracking { %3$s keepalive 16; }
                  server {
                    listen 127.0.0.1:%4$d;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $remote_addr;
                    location /t/ { proxy_pass http://tracking; }
                    location /u/ { proxy_pass http://tracking; }
                    location / { proxy_pass http://web; proxy_buffering off; proxy_read_timeout 1h; }
                  }
                }
                """.formatted(dir, servers(webPorts), servers(trackingPorts), port);
        Files.writeString(dir.resolve("nginx.conf"), conf);
        Process process = new ProcessBuilder("/usr/sbin/nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertThat(process.isAlive()).as("nginx exited: %s", Files.readString(dir.resolve("out.log"))).isTrue();
            return listening(port);
        });
        return process;
    }

    private static String servers(List<Integer> ports) {
        StringBuilder out = new StringBuilder();
        ports.forEach(p -> out.append("server 127.0.0.1:").append(p).append("; "));
        return out.toString();
    }

    private static String createUser(Http http, String name, String address) {
        Http.Reply created = http.post(AppJar.TOKEN, "/api/users", Map.of("name", name, "addresses", List.of(address), "role", "REP"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    /** Message-IDs of the stored messages found in this user's INBOX, one entry per mailbox reference. */
    private List<String> inbox(String userId) {
        List<String> ids = new ArrayList<>();
        for (Document m : db.getCollection("messages").find(Filters.eq("mailboxes.userId", userId))) {
            for (Document ref : m.getList("mailboxes", Document.class)) {
                if (userId.equals(ref.getString("userId")) && "INBOX".equals(ref.getString("folder"))) {
                    ids.add(m.getString("messageId"));
                }
            }
        }
        return ids;
    }

    private static String mail(String id, String from, String to, String subject) {
        return "Message-ID: <" + id + ">\r\nFrom: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject
                + "\r\nDate: Thu, 3 Dec 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Please find the details below.\r\n";
    }

    private static void smtp(int port, String from, List<String> to, String message) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            say(in, out, "EHLO cluster.test", "250");
            say(in, out, "MAIL FROM:<" + from + ">", "250");
            for (String rcpt : to) {
                say(in, out, "RCPT TO:<" + rcpt + ">", "250");
            }
            say(in, out, "DATA", "354");
            say(in, out, message.replace("\r\n.", "\r\n..") + "\r\n.", "250");
            say(in, out, "QUIT", "221");
        }
    }

    private static void say(BufferedReader in, OutputStream out, String line, String code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        expect(in, code);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            assertThat(line).as("SMTP reply").isNotNull().startsWith(code);
        } while (line.length() > 3 && line.charAt(3) == '-');
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static boolean ci() {
        return "true".equals(System.getenv("CI"));
    }

    private static List<Path> corpus() throws IOException {
        Path letters = Path.of("").toAbsolutePath().getParent().resolveSibling("shared").resolve("corpora/cjk/letters");
        try (Stream<Path> all = Files.walk(letters)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
