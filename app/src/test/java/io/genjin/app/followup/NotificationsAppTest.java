package io.genjin.app.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Customer;
import io.genjin.app.support.Seed.Person;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.events.SampleShipped;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import io.genjin.store.user.User;
import io.genjin.testing.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Notifications leave through every kind of channel, set up through the API the way a salesperson
 * does it, to a local HTTP server standing in for the WeCom, DingTalk and Feishu robots and an SMS
 * gateway, and to GreenMail for email. The bodies and signatures are checked byte for byte, with
 * the signatures recomputed here from the documented recipes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationsAppTest {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-05-04T01:30:00Z"));
    static final ConcurrentLinkedQueue<Received> RECEIVED = new ConcurrentLinkedQueue<>();
    static final AtomicInteger HOOK_FAILURES_LEFT = new AtomicInteger();
    static HttpServer robots;

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
        registry.add("genjin.followup.notifications.base-url", () -> "https://crm.example");
        // The robots here are plain-http servers on loopback; retries are looked at every 100 ms, not 5 s.
        registry.add("genjin.followup.notifications.allow-http", () -> "true");
        registry.add("genjin.followup.notifications.dispatch-interval", () -> "100ms");
    }

    @TestConfiguration
    static class ControlledClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return CLOCK;
        }
    }

    record Received(String path, String query, Map<String, List<String>> headers, String body) {
    }

    @BeforeAll
    static void startRobots() throws IOException {
        robots = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        robots.createContext("/wecom", exchange -> answer(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}"));
        robots.createContext("/dingtalk", exchange -> answer(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}"));
        robots.createContext("/feishu", exchange -> answer(exchange, 200, "{\"code\":0,\"msg\":\"success\",\"data\":{}}"));
        robots.createContext("/sms", exchange -> answer(exchange,
                HOOK_FAILURES_LEFT.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 202, "{}"));
        robots.createContext("/busy", exchange -> answer(exchange, 200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}"));
        robots.start();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        RECEIVED.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                Map.copyOf(exchange.getRequestHeaders()), new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterAll
    static void stopRobots() {
        robots.stop(0);
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;
    @Autowired
    DomainEvents events;
    Http http;
    Person manager;
    Person rep;
    Customer customer;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        RECEIVED.clear();
        Seed seed = new Seed(store);
        Team team = seed.team("Team " + Ids.newId());
        manager = seed.person("Wang Manager", Role.MANAGER, team, null);
        Person english = seed.person("Li Lei", Role.REP, team, manager.user());
        User zh = store.users().save(new User(english.id(), english.user().name(), english.user().addresses(), Role.REP,
                team.id(), manager.id(), "zh-CN", english.user().createdAt()));
        rep = new Person(zh, english.token());
        customer = seed.customer("Acme Trading", "acme-" + Ids.newId() + ".de", rep.user());
    }

    @Test
    void aTaskReachesEveryChannelWithTheExactBodyAndSignatureInTheRecipientsLanguage() throws Exception {
        String base = "http://127.0.0.1:" + robots.getAddress().getPort();
        channel(Map.of("kind", "WECOM", "name", "销售群", "url", base + "/wecom?key=wecom-key-1"));
        channel(Map.of("kind", "DINGTALK", "url", base + "/dingtalk?access_token=ding-token", "secret", "SECding-secret"));
        channel(Map.of("kind", "FEISHU", "url", base + "/feishu", "secret", "feishu-secret"));
        channel(Map.of("kind", "WEBHOOK", "url", base + "/sms", "secret", "sms-secret", "address", "+8613800000000"));
        channel(Map.of("kind", "EMAIL", "address", "lilei@team.example"));
        JsonNode listed = http.get(rep.token(), "/api/notifications/channels").json();
        assertThat(listed).hasSize(5);
        assertThat(listed.toString()).doesNotContain("ding-token").doesNotContain("SECding-secret").doesNotContain("wecom-key-1");
        assertThat(listed.get(1).get("url").asString()).isEqualTo(base + "/dingtalk");
        assertThat(listed.get(1).get("signed").asBoolean()).isTrue();

        http.send(rep.token(), "PUT", "/api/companies/" + customer.id() + "/stage", Map.of("stage", "SAMPLE"));
        await().atMost(Duration.ofSeconds(20)).until(() -> RECEIVED.size() == 4 && greenMail.getReceivedMessages().length == 1);

        String title = "新的跟进任务：给 Acme Trading 寄样并记录快递单号";
        String text = "客户：Acme Trading\n截止：" + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .format(CLOCK.instant().plus(Duration.ofDays(2)).atZone(java.time.ZoneOffset.UTC));
        String link = "https://crm.example/customers/" + customer.id();
        String markdown = "### " + title + "\n\n" + text.replace("\n", "\n\n") + "\n\n[" + link + "](" + link + ")";
        String json = markdown.replace("\n", "\\n");
        long millis = CLOCK.instant().toEpochMilli();
        long seconds = CLOCK.instant().getEpochSecond();

        Received wecom = received("/wecom");
        assertThat(wecom.query()).isEqualTo("key=wecom-key-1");
        assertThat(wecom.body()).isEqualTo("{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"" + json + "\"}}");

        Received ding = received("/dingtalk");
        String dingSign = URLEncoder.encode(Base64.getEncoder().encodeToString(
                hmac("SECding-secret".getBytes(StandardCharsets.UTF_8), (millis + "\nSECding-secret").getBytes(StandardCharsets.UTF_8))),
                StandardCharsets.UTF_8);
        assertThat(ding.query()).isEqualTo("access_token=ding-token&timestamp=" + millis + "&sign=" + dingSign);
        assertThat(ding.body()).isEqualTo("{\"msgtype\":\"markdown\",\"markdown\":{\"title\":\"" + title + "\",\"text\":\""
                + json + "\"}}");

        Received feishu = received("/feishu");
        String feishuSign = Base64.getEncoder().encodeToString(
                hmac((seconds + "\nfeishu-secret").getBytes(StandardCharsets.UTF_8), new byte[0]));
        assertThat(feishu.body()).isEqualTo("{\"timestamp\":\"" + seconds + "\",\"sign\":\"" + feishuSign
                + "\",\"msg_type\":\"text\",\"content\":{\"text\":\"" + (title + "\n" + text + "\n" + link).replace("\n", "\\n")
                + "\"}}");

        Received sms = received("/sms");
        String notificationId = http.get(rep.token(), "/api/notifications").json().get(0).get("id").asString();
        JsonNode task = null;
        for (JsonNode t : http.get(rep.token(), "/api/tasks").json()) {
            task = "stage-tasks".equals(t.path("originRule").asString(null)) ? t : task;
        }
        assertThat(sms.body()).isEqualTo("{\"event\":\"genjin.notification\",\"id\":\"" + notificationId
                + "\",\"kind\":\"TASK\",\"to\":\"+8613800000000\",\"user\":{\"id\":\"" + rep.id()
                + "\",\"name\":\"Li Lei\",\"locale\":\"zh-CN\"},\"title\":\"" + title + "\",\"text\":\""
                + text.replace("\n", "\\n") + "\",\"link\":\"" + link + "\",\"taskId\":\"" + task.get("id").asString()
                + "\",\"companyId\":\"" + customer.id() + "\",\"createdAt\":\"" + CLOCK.instant() + "\"}");
        assertThat(sms.headers().get("X-genjin-timestamp")).containsExactly(Long.toString(seconds));
        assertThat(sms.headers().get("X-genjin-signature")).containsExactly("sha256=" + HexFormat.of().formatHex(
                hmac("sms-secret".getBytes(StandardCharsets.UTF_8), (seconds + "." + sms.body()).getBytes(StandardCharsets.UTF_8))));

        MimeMessage mail = greenMail.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo(title);
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("lilei@team.example");
        assertThat(((String) mail.getContent()).replace("\r\n", "\n")).isEqualTo(title + "\n" + text + "\n" + link);

        JsonNode log = http.get(manager.token(), "/api/notifications/deliveries").json();
        List<String> kinds = new ArrayList<>();
        log.forEach(d -> {
            assertThat(d.get("status").asString()).isEqualTo("SENT");
            assertThat(d.get("attempts").asInt()).isEqualTo(1);
            kinds.add(d.get("kind").asString());
        });
        assertThat(kinds).containsExactlyInAnyOrder("WECOM", "DINGTALK", "FEISHU", "WEBHOOK", "EMAIL");
        assertThat(log.toString()).doesNotContain("ding-token");
    }

    @Test
    void aFailingReceiverIsRetriedWithGrowingWaitsAndTheLogShowsEachAttempt() {
        String base = "http://127.0.0.1:" + robots.getAddress().getPort();
        channel(Map.of("kind", "WEBHOOK", "url", base + "/sms", "address", "+8613900000000"));
        HOOK_FAILURES_LEFT.set(2);
        events.publish(new SampleShipped(Ids.newId(), customer.id(), "5 pcs", LocalDate.of(2026, 6, 1), rep.id(), CLOCK.instant()));
        await().atMost(Duration.ofSeconds(20)).until(() -> delivery().get("attempts").asInt() == 1);
        assertThat(delivery().get("status").asString()).isEqualTo("PENDING");
        assertThat(delivery().get("lastStatus").asInt()).isEqualTo(503);
        assertThat(delivery().get("nextAttemptAt").asString()).isEqualTo(CLOCK.instant().plusSeconds(30).toString());

        CLOCK.advance(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(20)).until(() -> delivery().get("attempts").asInt() == 2);
        Instant second = CLOCK.instant();
        assertThat(delivery().get("nextAttemptAt").asString()).isEqualTo(second.plusSeconds(60).toString());

        CLOCK.advance(Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(delivery().get("status").asString()));
        assertThat(delivery().get("attempts").asInt()).isEqualTo(3);
        assertThat(RECEIVED).filteredOn(r -> r.body().contains("+8613900000000")).hasSize(3);
    }

    @Test
    void aRobotGetsAtMostTwentyMessagesAMinuteAndTheRestWaitWithoutSpendingAttempts() {
        String base = "http://127.0.0.1:" + robots.getAddress().getPort();
        channel(Map.of("kind", "WECOM", "url", base + "/wecom?key=rate"));
        for (int i = 0; i < 25; i++) {
            events.publish(new SampleShipped(Ids.newId(), customer.id(), "batch " + i, LocalDate.of(2026, 6, 1), rep.id(),
                    CLOCK.instant()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SENT") == 20 && count("PENDING") == 5);
        assertThat(RECEIVED).filteredOn(r -> "key=rate".equals(r.query())).hasSize(20);
        CLOCK.advance(Duration.ofSeconds(16));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SENT") == 25);
        assertThat(RECEIVED).filteredOn(r -> "key=rate".equals(r.query())).hasSize(25);
        http.get(manager.token(), "/api/notifications/deliveries").json()
                .forEach(d -> assertThat(d.get("attempts").asInt()).isEqualTo(1));
    }

    @Test
    void aRobotThatAnswersWithAnErrorCodeIsAFailedAttempt() {
        String base = "http://127.0.0.1:" + robots.getAddress().getPort();
        channel(Map.of("kind", "WECOM", "url", base + "/busy?key=k"));
        events.publish(new SampleShipped(Ids.newId(), customer.id(), "x", LocalDate.of(2026, 6, 1), rep.id(), CLOCK.instant()));
        await().atMost(Duration.ofSeconds(20)).until(() -> delivery().get("attempts").asInt() == 1);
        assertThat(delivery().get("lastError").asString()).isEqualTo("errcode 45009: api freq out of limit");
        assertThat(delivery().get("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void aTeamChannelIsSetUpByTheTeamsManagerAndNotByARep() {
        String base = "http://127.0.0.1:" + robots.getAddress().getPort();
        Map<String, Object> teamBot = Map.of("scope", "TEAM", "kind", "WECOM", "url", base + "/wecom?key=team");
        assertThat(http.post(rep.token(), "/api/notifications/channels", teamBot).status()).isEqualTo(403);
        assertThat(http.post(manager.token(), "/api/notifications/channels", teamBot).status()).isEqualTo(201);
        assertThat(http.get(rep.token(), "/api/notifications/channels").json().findValuesAsString("scope")).contains("TEAM");
        Http.Reply bad = http.post(rep.token(), "/api/notifications/channels", Map.of("kind", "DINGTALK", "url", "ftp://x"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
    }

    private void channel(Map<String, Object> body) {
        Http.Reply reply = http.post(rep.token(), "/api/notifications/channels", body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    private JsonNode delivery() {
        JsonNode log = http.get(manager.token(), "/api/notifications/deliveries").json();
        for (JsonNode d : log) {
            if (rep.id().equals(d.get("userId").asString())) {
                return d;
            }
        }
        return tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("attempts", 0).put("status", "NONE");
    }

    private long count(String status) {
        long n = 0;
        for (JsonNode d : http.get(manager.token(), "/api/notifications/deliveries?status=" + status).json()) {
            n += rep.id().equals(d.get("userId").asString()) ? 1 : 0;
        }
        return n;
    }

    private static Received received(String path) {
        return RECEIVED.stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow();
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
