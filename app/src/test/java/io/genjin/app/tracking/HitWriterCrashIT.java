package io.genjin.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.model.Filters;
import io.genjin.app.support.AppJar;
import io.genjin.app.support.Http;
import io.genjin.app.support.StoreFile;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Pixel and link hits over HTTP at the real app, SIGKILL while its writer has batches in flight,
 * restart on the same data: every hit that got an HTTP answer is counted, and once (each request
 * carries its own number in its user agent, so the hit log shows which were counted how often);
 * the intent task a human click raises is there once.
 */
class HitWriterCrashIT {
    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/120.0.0.0 Safari/537.36 crash-hit-";
    private static final Pattern NUMBER = Pattern.compile("crash-hit-(\\d+)");
    private static final int SENDERS = 8;
    private static final String LINK = "https://factory.example/q.pdf";
    private static final int ANSWERED_BEFORE_KILL = 1_500;

    @TempDir
    Path work;

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void everyAnsweredHitIsCountedOnceAfterAKillMidBatch() throws Exception {
        assumeTrue(AppJar.built(), "no " + AppJar.JAR + ": run through `mvn verify`, which packages first");
        try (AppJar apps = new AppJar(work)) {
            AppJar.Running server = apps.start("server", Map.of("GENJIN_DROPBOX_ENABLED", "false"));
            Http http = server.http();
            Http.Reply customer = http.post(AppJar.TOKEN, "/api/companies", Map.of("name", "Crash Customer GmbH",
                    "domains", List.of("crash-customer.example"), "country", "DE"));
            assertThat(customer.status()).as(customer.body()).isEqualTo(201);
            String companyId = customer.json().get("id").asString();
            // Sent an hour ago: no delivery-scan window. A read message (pixel hits) and a clicked one.
            JsonNode read = instrument(http, "<crash-read@factory.example>", companyId);
            JsonNode clicked = instrument(http, "<crash-clicked@factory.example>", companyId);
            String pixel = path(read.get("recipients").get(0).get("pixelUrl").asString());
            Matcher wrapped = Pattern.compile("href=\"([^\"]*/t/c/[^\"]*)\"")
                    .matcher(clicked.get("recipients").get(0).get("html").asString());
            assertThat(wrapped.find()).as("the tracked link in the recipient's copy").isTrue();
            String click = path(wrapped.group(1));

            Pixel client = new Pixel(server.httpPort());
            Set<Integer> answered = ConcurrentHashMap.newKeySet();
            AtomicInteger next = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            for (int s = 0; s < SENDERS; s++) {
                senders.execute(() -> {
                    while (true) {
                        int n = next.getAndIncrement();
                        // Every 50th is a click on the other message: a person's click, intent.
                        String target = n % 50 == 49 ? click : pixel;
                        try {
                            HttpResponse<byte[]> reply = client.get(target, Map.of("User-Agent", BROWSER + n));
                            boolean ok = target == click
                                    ? reply.statusCode() == 302 && LINK.equals(reply.headers().firstValue("Location").orElse(null))
                                    : reply.statusCode() == 200;
                            if (ok) {
                                answered.add(n);
                            }
                        } catch (RuntimeException killed) {
                            return;
                        }
                    }
                });
            }
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(20))
                    .until(() -> answered.size() >= ANSWERED_BEFORE_KILL);
            server.kill();
            senders.shutdown();
            assertThat(senders.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
            Set<Integer> answeredAtKill = Set.copyOf(answered);
            int sent = next.get();
            long journaledAtKill;
            try (StoreFile store = apps.store()) {
                journaledAtKill = store.collection("tracking_hit_journal").countDocuments();
            }
            assertThat(journaledAtKill).as("hits answered and not yet folded when the kill landed").isPositive();

            // Restart on the same data; a graceful stop after start-up: the writer folds the journal first.
            apps.start("after", Map.of("GENJIN_DROPBOX_ENABLED", "false")).stop();

            try (StoreFile store = apps.store()) {
                assertThat(store.collection("tracking_hit_journal").countDocuments()).as("journal folded").isZero();
                Map<Integer, Integer> counted = new HashMap<>();
                long total = 0;
                for (JsonNode m : List.of(read, clicked)) {
                    String trackedId = m.get("trackedId").asString();
                    long lines = 0;
                    for (Document bucket : store.collection("tracking_hits").find(Filters.eq("trackedId", trackedId))) {
                        for (String line : bucket.getList("hits", String.class)) {
                            Matcher number = NUMBER.matcher(line);
                            assertThat(number.find()).as(line).isTrue();
                            counted.merge(Integer.parseInt(number.group(1)), 1, Integer::sum);
                            lines++;
                        }
                    }
                    Document message = store.collection("tracking_messages").find(Filters.eq("_id", new ObjectId(trackedId)))
                            .first();
                    Document counters = message.get("counters", Document.class);
                    long countedHere = counters.get("opens", Number.class).longValue()
                            + counters.get("clicks", Number.class).longValue();
                    assertThat(countedHere).as("counters of %s against its hit log", m.get("messageId").asString())
                            .isEqualTo(lines);
                    total += countedHere;
                }
                List<Integer> twice = new ArrayList<>();
                counted.forEach((n, times) -> {
                    if (times > 1) {
                        twice.add(n);
                    }
                });
                assertThat(twice).as("hits counted more than once").isEmpty();
                assertThat(counted.keySet()).as("every answered hit counted").containsAll(answeredAtKill);
                assertThat(total).as("never more than were sent").isLessThanOrEqualTo(sent);
                long tasks = store.collection("tasks").countDocuments(Filters.eq("originRule", "tracking.intent"));
                assertThat(tasks).as("the intent task of the clicked message, once").isEqualTo(1);
                System.out.printf("hit writer crash test: %d requests sent, %d answered before SIGKILL, %d of them still"
                        + " only in the journal at the kill; after the restart %d hits counted, each once%n", sent,
                        answeredAtKill.size(), journaledAtKill, total);
            }
        }
    }

    private static JsonNode instrument(Http http, String messageId, String companyId) {
        Http.Reply reply = http.post(AppJar.TOKEN, "/api/tracking/instrument", Map.of("messageId", messageId,
                "subject", "Quotation", "quote", false, "companyId", companyId,
                "html", "<p>Our quotation: <a href=\"" + LINK + "\">PDF</a></p>",
                "recipients", List.of("buyer@crash-customer.example"),
                "sentAt", Instant.now().minus(Duration.ofHours(1)).toString()));
        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
        return reply.json();
    }

    private static String path(String url) {
        return java.net.URI.create(url).getRawPath();
    }
}
