package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genjin.app.live.LiveStreams;
import io.genjin.app.support.Http;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Customer;
import io.genjin.app.support.Seed.Person;
import io.genjin.store.task.Priority;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import io.genjin.tracking.TrackHits;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A quotation read twice by a person at the customer raises the HIGH intent task (tracking's own
 * flow, over real pixel hits); the owner's open page shows the badge and a toast without reloading,
 * and a teammate's open page gets nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"genjin.admin-token=ui-live-admin-token-0123456789abcdef", "server.address=127.0.0.1",
                "genjin.tracking.delivery-window=0s", "genjin.tracking.session-gap=1ms",
                "genjin.live.max-streams-per-user=3", "genjin.live.heartbeat=1s",
                "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error"})
@DirtiesContext
class LiveTasksInChromiumTest extends ChromiumAppTest {
    private static final String ENGLISH = "en-US,en";
    private static final String BROWSER =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

    @Autowired
    TrackHits hits;
    @Autowired
    LiveStreams streams;

    private Seed seed;
    private Person rep;
    private Person teammate;
    private Http http;

    @BeforeEach
    void people() {
        http = new Http(port);
        seed = new Seed(store);
        Team team = seed.team("Live team " + System.nanoTime());
        Person manager = seed.person("Lena Manager", Role.MANAGER, team, null);
        rep = seed.person("Leo Rep", Role.REP, team, manager.user());
        teammate = seed.person("Tom Teammate", Role.REP, team, manager.user());
    }

    @Test
    void aQuotationReadTwiceShowsTheOwnersBadgeAndToastLiveAndNothingOnATeammatesPage() throws Exception {
        Customer acme = seed.customer("Acme Live", "acme-live.example", rep.user());
        try (Browser owner = Browser.open(base(), ENGLISH); Browser other = Browser.open(base(), ENGLISH)) {
            owner.signIn(rep.token());
            owner.go("/tasks");
            other.signIn(teammate.token());
            other.go("/tasks");
            assertThat(owner.driver.findElement(By.id("live-badge")).isDisplayed()).isFalse();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> streams.count(rep.id()) == 1 && streams.count(teammate.id()) == 1);

            String pixel = instrumentQuote(acme, "<q-live@team.example>");
            hit(pixel);
            hit(pixel);
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(hits::drained);

            Task task = store.tasks().assignedTo(rep.id(), EnumSet.of(TaskStatus.OPEN)).stream()
                    .filter(t -> t.priority() == Priority.HIGH).findFirst().orElseThrow();
            assertThat(owner.text(By.cssSelector(".live-toast .live-toast-title"))).isEqualTo(task.title());
            assertThat(owner.text(By.id("live-badge"))).isEqualTo("1");
            assertThat(owner.text(By.cssSelector(".live-toast"))).startsWith("New high-priority task:");

            // The teammate's page stayed open all along and got neither badge nor toast.
            assertThat(other.driver.findElement(By.id("live-badge")).isDisplayed()).isFalse();
            assertThat(other.driver.findElements(By.cssSelector(".live-toast"))).isEmpty();
            owner.screenshot("live-toast-en");

            assertThat(owner.visible(By.cssSelector(".live-toast .live-toast-title")).getAttribute("href"))
                    .isEqualTo(base() + "/tasks#task-" + task.id());
            owner.go("/customers");
            assertThat(owner.text(By.id("live-badge"))).as("rendered by the server on the next page").isEqualTo("1");
            owner.go("/tasks#task-" + task.id());
            assertThat(owner.text(By.id("task-" + task.id()))).contains(task.title());
            owner.go("/customers?lang=zh-CN");
            assertThat(owner.visible(By.id("live-badge")).getAttribute("title")).isEqualTo("未完成的高优先级任务");
        }
    }

    @Test
    void aUserHoldsAtMostTheConfiguredStreamsAndTheOldestIsClosed() throws Exception {
        PageClient client = PageClient.signedIn(base(), teammate.token());
        List<HttpResponse<InputStream>> opened = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                HttpResponse<InputStream> stream = client.stream("/live/stream");
                assertThat(stream.statusCode()).isEqualTo(200);
                assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
                opened.add(stream);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> streams.count(teammate.id()) == 3);
            opened.add(client.stream("/live/stream"));
            await().atMost(Duration.ofSeconds(10)).until(() -> streams.count(teammate.id()) == 3);
            // The first stream was ended by the server: reading it reaches its end.
            InputStream first = opened.get(0).body();
            assertThat(CompletableFuture.supplyAsync(() -> drain(first)).get(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            opened.forEach(r -> close(r.body()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.count(teammate.id()) == 0);
    }

    @Test
    void theStreamIsForSignedInUsersOnly() throws Exception {
        HttpResponse<Void> anonymous = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(base() + "/live/stream")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElse("")).endsWith("/signin");
    }

    private String instrumentQuote(Customer customer, String messageId) {
        var instrumented = http.post(rep.token(), "/api/tracking/instrument", Map.of("messageId", messageId,
                "quote", true, "subject", "Quotation QL-1", "html", "<p>Our offer</p>",
                "recipients", List.of(customer.contact().addresses().get(0))));
        assertThat(instrumented.status()).as(instrumented.toString()).isEqualTo(201);
        return URI.create(instrumented.json().get("recipients").get(0).get("pixelUrl").asString()).getRawPath();
    }

    private void hit(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10))
                .header("User-Agent", BROWSER).GET().build();
        assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(200);
    }

    private static boolean drain(InputStream in) {
        try {
            while (in.read() >= 0) {
                // heartbeats until the server ends the stream
            }
            return true;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (java.io.IOException ignored) {
            // closing a stream the server may have ended already
        }
    }
}
