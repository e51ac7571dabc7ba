package io.genjin.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Customer;
import io.genjin.app.support.Seed.Person;
import io.genjin.store.CrmStore;
import io.genjin.store.events.CustomerShowedIntent;
import io.genjin.store.task.Priority;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.user.Role;
import io.genjin.tracking.TrackHits;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The pixel and link endpoints and the intent they raise, over HTTP against the running app, the way
 * a salesperson's mail and the customer's mail client use them. Delivery-time rules are set to zero
 * and the session gap to a millisecond, so the test needs no clock control: every request is "later".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "genjin.tracking.delivery-window=0s", "genjin.tracking.scan-window=0s", "genjin.tracking.session-gap=1ms",
        "genjin.tracking.burst-window=300ms", "genjin.tracking.open-click-window=0s", "genjin.dropbox.enabled=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrackingEndpointsTest {
    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    private static final Map<String, String> PERSON = Map.of("User-Agent", BROWSER);

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;
    @Autowired
    TrackHits hits;
    @Autowired
    Intents intents;

    private Http http;
    private Pixel pixel;
    private Person rep;
    private int sequence;

    @BeforeAll
    void seed() {
        http = new Http(port);
        pixel = new Pixel(port);
        Seed seed = new Seed(store);
        rep = seed.person("Wang Fang", Role.REP, seed.team("Export 1"), null);
        store.users().save(withLocale(rep, "zh-CN"));
    }

    @Test
    void thePixelIsA43ByteTransparentGifThatIsNeverCachedWhateverTheToken() {
        Sent mail = send(true, "<p>Quote <a href=\"https://factory.example/q.pdf\">here</a></p>");
        for (String path : List.of(mail.pixelPath(), "/t/o/forged.k1.AAAAAAAAAAAAAAAAAAAAAA.gif", "/t/o/x.gif", "/t/o/")) {
            HttpResponse<byte[]> reply = pixel.get(path, PERSON);
            assertThat(reply.statusCode()).as(path).isEqualTo(200);
            assertThat(reply.body()).as(path).hasSize(43).startsWith("GIF89a".getBytes());
            assertThat(reply.headers().firstValue("Content-Type")).contains("image/gif");
            assertThat(reply.headers().firstValue("Cache-Control").orElse("")).contains("no-store").contains("no-cache");
            assertThat(reply.headers().firstValue("Set-Cookie")).isEmpty();
        }
        awaitDrained();
        JsonNode seen = tracked(mail);
        assertThat(seen.at("/counters/opens").asLong()).as("only the genuine token counts").isEqualTo(1);
        assertThat(seen.at("/storedHits").asLong()).isEqualTo(1);
    }

    @Test
    void aClickGoesToTheStoredUrlOnlyAndAReplayedTokenStillOnlyThere() {
        Sent mail = send(false, "<a href=\"https://factory.example/catalogue?id=7&amp;lang=en\">catalogue</a>");
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> reply = pixel.get(mail.clickPath(0), PERSON);
            assertThat(reply.statusCode()).isEqualTo(302);
            assertThat(reply.headers().firstValue("Location")).contains("https://factory.example/catalogue?id=7&lang=en");
            assertThat(reply.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        }
        HttpResponse<byte[]> withParameter = pixel.get(mail.clickPath(0) + "?url=https://evil.example/&next=//evil.example", PERSON);
        assertThat(withParameter.headers().firstValue("Location")).contains("https://factory.example/catalogue?id=7&lang=en");
        awaitDrained();
        assertThat(tracked(mail).at("/counters/clicks").asLong()).isEqualTo(4);
    }

    static Stream<String> openRedirectPayloads() {
        return Stream.of("//evil.example", "/\\evil.example", "%2F%2Fevil.example", "%2f%2fevil.example", "%5C%5Cevil.example",
                "https:evil.example", "https://evil.example", "http%3A%2F%2Fevil.example", "javascript:alert(document.domain)",
                "javascript%3Aalert(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg",
                "%0d%0aLocation:%20https://evil.example", "x%0D%0ASet-Cookie:%20a=b", "%E5%98%8A%E5%98%8DLocation:evil",
                "..%2F..%2Fevil", "@evil.example", "evil.example%00", "%09//evil.example", "/\\evil.example",
                "\\\\evil.example");
    }

    /**
     * Refused either by the server itself (400: Tomcat rejects encoded slashes, backslashes and NUL
     * in paths) or by the endpoint (404 and the neutral page); never a Location header.
     */
    @ParameterizedTest
    @MethodSource("openRedirectPayloads")
    void openRedirectPayloadsAreRefusedWithoutARedirect(String payload) {
        String head = pixel.raw("/t/c/" + payload);
        assertThat(head).matches("(?s)HTTP/1\\.1 (400|404) .*");
        assertThat(head.toLowerCase()).doesNotContain("\r\nlocation:").doesNotContain("set-cookie").doesNotContain("evil");
    }

    @Test
    void anUnknownLinkGetsTheNeutralPageInTheReadersLanguage() {
        HttpResponse<byte[]> reply = pixel.get("/t/c/javascript:alert(document.domain)", Map.of("Accept-Language", "zh-CN"));
        assertThat(reply.statusCode()).isEqualTo(404);
        assertThat(reply.headers().firstValue("Location")).isEmpty();
        assertThat(new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("链接不可用").doesNotContain("alert");
        assertThat(new String(pixel.get("/t/c/nothing", Map.of("Accept-Language", "en")).body(),
                java.nio.charset.StandardCharsets.UTF_8)).contains("Link not available");
    }

    @Test
    void aForgedClickTokenForARealMessageIsRefusedAndAnOpenTokenIsNoClickToken() {
        Sent mail = send(false, "<a href=\"https://factory.example/a\">a</a>");
        String genuine = mail.clickPath(0);
        String forged = genuine.substring(0, genuine.length() - 3) + (genuine.endsWith("AAA") ? "BBB" : "AAA");
        assertThat(pixel.get(forged, PERSON).statusCode()).isEqualTo(404);
        String openToken = mail.pixelPath().substring("/t/o/".length()).replace(".gif", "");
        assertThat(pixel.get("/t/c/" + openToken, PERSON).statusCode()).isEqualTo(404);
        assertThat(pixel.get(genuine, Map.of("User-Agent", "Mozilla/5.0 (compatible; ms-office; MSOffice 16)")).statusCode())
                .isEqualTo(302);
        assertThat(pixel.send("POST", genuine, PERSON).statusCode()).isEqualTo(405);
    }

    @Test
    void headAndPrefetchAreAnsweredButNeverCountAsAPerson() {
        Sent mail = send(true, "<a href=\"https://factory.example/q\">q</a>");
        assertThat(pixel.send("HEAD", mail.pixelPath(), PERSON).statusCode()).isEqualTo(200);
        assertThat(pixel.get(mail.pixelPath(), Map.of("User-Agent", BROWSER, "Sec-Purpose", "prefetch")).statusCode()).isEqualTo(200);
        assertThat(pixel.get(mail.pixelPath(), Map.of("User-Agent", BROWSER, "Purpose", "prefetch")).statusCode()).isEqualTo(200);
        assertThat(pixel.send("HEAD", mail.clickPath(0), PERSON).statusCode()).isEqualTo(302);
        awaitDrained();
        JsonNode seen = tracked(mail);
        assertThat(seen.at("/counters/opens").asLong()).isEqualTo(3);
        assertThat(seen.at("/counters/humanOpens").asLong()).isZero();
        assertThat(seen.at("/counters/clicks").asLong()).isEqualTo(1);
        assertThat(seen.at("/counters/humanClicks").asLong()).isZero();
        assertThat(seen.get("recentHits")).allSatisfy(h -> assertThat(h.get("reason").asString()).isEqualTo("prefetch"));
        assertThat(openTasks(mail)).isEmpty();
    }

    @Test
    void aQuoteReadTwiceByAPersonGivesTheOwnerOneHighPriorityTaskInTheirLanguageAndTheTimelineSaysHuman() {
        Sent mail = send(true, "<p>Our quotation: <a href=\"https://factory.example/q.pdf\">PDF</a></p>");
        assertThat(pixel.get(mail.pixelPath(), Map.of("User-Agent", "Mozilla/5.0")).statusCode()).isEqualTo(200); // Apple MPP
        assertThat(pixel.get(mail.pixelPath(), PERSON).statusCode()).isEqualTo(200);
        awaitDrained();
        assertThat(openTasks(mail)).as("one human session is not yet intent").isEmpty();
        assertThat(pixel.get(mail.pixelPath(), PERSON).statusCode()).isEqualTo(200);
        assertThat(pixel.get(mail.pixelPath(), PERSON).statusCode()).isEqualTo(200);
        awaitDrained();

        List<JsonNode> tasks = openTasks(mail);
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("priority").asString()).isEqualTo(Priority.HIGH.name());
        assertThat(tasks.get(0).get("title").asString()).isEqualTo("客户意向度高,请立即联系");
        assertThat(tasks.get(0).get("notes").asString()).contains(mail.contact()).contains("再次打开了报价邮件");
        assertThat(intents.of(mail.messageId())).singleElement().satisfies(e -> {
            assertThat(e.signal()).isEqualTo(CustomerShowedIntent.Signal.REPEATED_OPENS);
            assertThat(e.taskId()).isEqualTo(tasks.get(0).get("id").asString());
            assertThat(e.ownerId()).isEqualTo(rep.id());
        });
        JsonNode timeline = http.get(rep.token(), "/api/companies/" + mail.companyId() + "/timeline?type=TRACKING&size=50").json();
        List<String> bodies = new ArrayList<>();
        timeline.get("items").forEach(a -> bodies.add(a.get("body").asString()));
        assertThat(bodies).contains("真人", "机器：Apple 邮件隐私保护");
    }

    @Test
    void concurrentHumanClicksRaiseTheIntentTaskExactlyOnce() throws Exception {
        Sent mail = send(false, "<a href=\"https://factory.example/led-panel\">LED panel</a>");
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> replies = new ArrayList<>();
        for (int i = 0; i < threads * 2; i++) {
            replies.add(pool.submit(() -> {
                go.await();
                return pixel.get(mail.clickPath(0), PERSON).statusCode();
            }));
        }
        go.countDown();
        for (Future<Integer> reply : replies) {
            assertThat(reply.get(30, TimeUnit.SECONDS)).isEqualTo(302);
        }
        pool.shutdown();
        awaitDrained();
        assertThat(openTasks(mail)).hasSize(1);
        assertThat(intents.of(mail.messageId())).hasSize(1);
        assertThat(tracked(mail).at("/counters/humanClicks").asLong()).isEqualTo(threads * 2);
    }

    private Sent send(boolean quote, String html) {
        int n = ++sequence;
        Customer customer = new Seed(store).customer("Buyer " + n + " GmbH", "buyer" + n + "-" + port + ".example", rep.user());
        String messageId = "<m" + n + "-" + port + "@factory.example>";
        String contact = customer.contact().addresses().get(0);
        Http.Reply reply = http.post(rep.token(), "/api/tracking/instrument", Map.of("messageId", messageId, "quote", quote,
                "subject", "Quotation " + n, "html", html, "recipients", List.of(contact)));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonNode body = reply.json();
        assertThat(body.get("companyId").asString()).isEqualTo(customer.id());
        JsonNode copy = body.get("recipients").get(0);
        List<String> clicks = new ArrayList<>();
        org.jsoup.Jsoup.parse(copy.get("html").asString()).select("a").eachAttr("href").forEach(h -> clicks.add(Pixel.path(h)));
        return new Sent(body.get("trackedId").asString(), messageId, customer.id(), contact, Pixel.path(copy.get("pixelUrl").asString()), clicks);
    }

    private JsonNode tracked(Sent mail) {
        Http.Reply reply = http.get(rep.token(), "/api/tracking/messages/" + mail.trackedId() + "?hits=100");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private List<JsonNode> openTasks(Sent mail) {
        List<JsonNode> tasks = new ArrayList<>();
        http.get(rep.token(), "/api/companies/" + mail.companyId() + "/tasks?status=OPEN").json().forEach(t -> {
            if ("tracking.intent".equals(t.path("originRule").asString(null))) {
                tasks.add(t);
            }
        });
        return tasks;
    }

    private void awaitDrained() {
        // Clicks are held back for the burst window before they are judged.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(hits::drained);
    }

    private static io.genjin.store.user.User withLocale(Person person, String locale) {
        var u = person.user();
        return new io.genjin.store.user.User(u.id(), u.name(), u.addresses(), u.role(), u.teamId(), u.managerId(), locale, u.createdAt());
    }

    record Sent(String trackedId, String messageId, String companyId, String contact, String pixelPath, List<String> clicks) {
        String clickPath(int i) {
            return clicks.get(i);
        }
    }

    /** Collects the intent events the app publishes, as the follow-up module will receive them. */
    static class Intents implements io.genjin.app.events.EventConsumer {
        private final List<CustomerShowedIntent> seen = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String name() {
            return "test-intents";
        }

        @Override
        public void on(Object event) {
            if (event instanceof CustomerShowedIntent e) {
                seen.add(e);
            }
        }

        List<CustomerShowedIntent> of(String messageId) {
            synchronized (seen) {
                return seen.stream().filter(e -> e.messageId().equals(messageId)).toList();
            }
        }
    }

    @TestConfiguration
    static class Listen {
        @Bean
        Intents intents() {
            return new Intents();
        }
    }
}
