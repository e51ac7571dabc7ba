package io.genjin.app.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.model.Filters;
import io.genjin.app.support.AppJar;
import io.genjin.app.support.StoreFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The follow-up scan killed mid-run. A store with {@value #CUSTOMERS} customers, each with a quotation
 * sent four days ago and no reply since (so the {@code quote-no-reply} rule wants one task for each,
 * and no other rule wants anything), spread over four reps. The real app jar runs its scheduled scan;
 * when its log says the third batch of tasks went in, it gets SIGKILL. The store file then holds
 * some of the tasks and none of the telling (the scan tells assignees at its end). After the restart
 * the scan runs again (once the dead process's lease lapsed) until a round creates nothing. Then:
 * every due task exists exactly once, each with one line on its customer's timeline, and every rep
 * was told once, in one digest counting all their tasks: none twice, none left out.
 */
class FollowupScanCrashIT {
    private static final int CUSTOMERS = 20_000;
    private static final int REPS = 4;
    private static final Pattern CREATED = Pattern.compile("follow-up scan: ScanReport\\[.*?tasksCreated=(\\d+)");

    // Kept when the test fails: the app's logs and the data file are what explains it.
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void aScanKilledMidRunLeavesEveryDueTaskOnceAndEveryRepToldOnceAfterTheRestart() throws Exception {
        assumeTrue(AppJar.built(), "no " + AppJar.JAR + ": run through `mvn verify`, which packages first");
        try (AppJar apps = new AppJar(work)) {
            Map<String, String> quiet = Map.of("GENJIN_DROPBOX_ENABLED", "false", "GENJIN_MAILBOX_SYNC", "false",
                    "GENJIN_RELAY_ENABLED", "false", "GENJIN_FOLLOWUP_SCAN_INTERVAL", "0");
            AppJar.Running setup = apps.start("setup", quiet);
            List<String> reps = new ArrayList<>();
            for (int r = 0; r < REPS; r++) {
                reps.add(setup.createUser("Rep " + r, "rep" + r + "@genjin.test"));
            }
            setup.stop();
            Instant now = Instant.now();
            seed(apps, reps, now);

            Map<String, String> scanning = new HashMap<>(quiet);
            scanning.put("GENJIN_FOLLOWUP_SCAN_INTERVAL", "20s");
            // A short lease, so the dead process's hold lapses in seconds rather than the default minute.
            scanning.put("GENJIN_FOLLOWUP_SCAN_LEASE", "6s");
            AppJar.Running first = apps.start("first", scanning);
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> first.logLines("raised 1000 task(s)") >= 3 || !first.process().isAlive());
            first.kill();
            assertThat(first.logLines("follow-up scan: ScanReport")).as("killed before the scan ended: %s",
                    first.logTail()).isZero();
            long durable;
            // A copy is read, so the file the restarted app opens is exactly what the kill left.
            Path copy = work.resolve("at-the-kill.mv");
            Files.copy(apps.dataDir().resolve("genjin.mv"), copy);
            try (StoreFile store = new StoreFile(copy)) {
                durable = store.collection("tasks").countDocuments();
                assertThat(store.collection("notifications").countDocuments()).as("nobody was told yet").isZero();
            }
            assertThat(durable).as("the kill landed mid-run: some tasks, not all, in the store file")
                    .isBetween(1L, CUSTOMERS - 1L);

            AppJar.Running second = apps.start("second", scanning);
            // The dead process's lease lapses within its scan-lease (6 s here); then a round finishes the
            // work and the next one finds nothing to do.
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                List<Long> created = created(second.log());
                assertThat(created).as(second.logTail()).hasSizeGreaterThanOrEqualTo(2);
                assertThat(created.get(created.size() - 1)).isZero();
            });
            List<Long> created = created(second.log());
            second.stop();

            try (StoreFile store = apps.store()) {
                List<Document> tasks = store.collection("tasks").find().into(new ArrayList<>());
                assertThat(tasks).as("one task per customer").hasSize(CUSTOMERS);
                assertThat(tasks.stream().map(t -> t.getString("dedupeKey")).distinct()).hasSize(CUSTOMERS);
                assertThat(tasks.stream().map(t -> t.getString("companyId")).distinct()).hasSize(CUSTOMERS);
                assertThat(tasks).allSatisfy(t -> assertThat(t.getString("originRule")).isEqualTo("quote-no-reply"));

                Map<String, Long> lines = new HashMap<>();
                for (Document line : store.collection("activities").find(Filters.regex("sourceKey", "^task:"))) {
                    lines.merge(line.getString("sourceKey"), 1L, Long::sum);
                }
                assertThat(lines).as("one timeline line per task").hasSize(CUSTOMERS)
                        .allSatisfy((key, n) -> assertThat(n).isEqualTo(1L));

                Map<String, Long> perRep = new HashMap<>();
                tasks.forEach(t -> perRep.merge(t.getString("assigneeId"), 1L, Long::sum));
                for (String rep : reps) {
                    List<Document> told = store.collection("notifications").find(Filters.eq("userId", rep))
                            .into(new ArrayList<>());
                    assertThat(told).as("rep %s told once", rep).singleElement().satisfies(n -> {
                        assertThat(n.getString("kind")).isEqualTo("DIGEST");
                        assertThat(n.getString("title")).as("the digest counts every task of the rep")
                                .startsWith(perRep.get(rep) + " ");
                    });
                }
                assertThat(store.collection("followup_untold").countDocuments()).as("nothing left to tell").isZero();
            }
            System.out.printf("follow-up scan crash test: %d customers due; killed after the third batch was logged,"
                    + " with %d tasks durable in the store file and no one told; after the restart the rounds created %s"
                    + " tasks: every task once, one timeline line each, each of %d reps told once in one digest%n",
                    CUSTOMERS, durable, created, REPS);
        }
    }

    /** Customers quoted four days ago, silent since; spread over the reps; one fact document each. */
    private static void seed(AppJar apps, List<String> reps, Instant now) {
        Date created = Date.from(now.minus(Duration.ofDays(60)));
        Date quoted = Date.from(now.minus(Duration.ofDays(4)));
        Date replied = Date.from(now.minus(Duration.ofDays(10)));
        try (StoreFile store = apps.store()) {
            List<Document> companies = new ArrayList<>();
            List<Document> facts = new ArrayList<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                // As the app stores ids: an ObjectId, referred to elsewhere by its hex string.
                ObjectId id = new ObjectId();
                companies.add(new Document("_id", id).append("name", "Buyer " + i).append("normalizedName", "buyer " + i)
                        .append("domains", List.of("buyer" + i + ".example")).append("country", "GB").append("grade", "B")
                        .append("stage", "QUOTED").append("ownerId", reps.get(i % reps.size())).append("tags", List.of())
                        .append("dormant", false).append("lastInboundAt", replied).append("lastOutboundAt", quoted)
                        .append("createdAt", created).append("version", 0L));
                facts.add(new Document("_id", id).append("lastQuoteAt", quoted).append("lastReplyAt", replied));
                if (companies.size() == 1_000) {
                    store.collection("companies").insertMany(companies);
                    store.collection("followup_facts").insertMany(facts);
                    companies.clear();
                    facts.clear();
                }
            }
        }
    }

    /** Tasks created by each finished round, in order, from the app's log. */
    private static List<Long> created(Path log) throws IOException {
        List<Long> created = new ArrayList<>();
        try (Stream<String> lines = Files.lines(log)) {
            lines.forEach(line -> {
                Matcher m = CREATED.matcher(line);
                if (m.find()) {
                    created.add(Long.parseLong(m.group(1)));
                }
            });
        }
        return created;
    }
}
