package io.genjin.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.events.CustomerShowedIntent;
import io.genjin.store.task.Priority;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.timeline.ActivityType;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import io.genjin.testing.MutableClock;
import io.genjin.tracking.classify.ScannerCatalogue;
import io.genjin.tracking.hit.HitBucket;
import io.genjin.tracking.intent.RaiseIntent;
import io.genjin.tracking.message.TrackedMessage;
import io.genjin.tracking.token.TrackingTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Query;

/** Instrumenting, hits through the writer, counters, timeline and intent, on an in-memory store. */
class TrackingTest {
    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
    private final List<Object> events = Collections.synchronizedList(new ArrayList<>());
    private EmbeddedMongo mongo;
    private CrmStore store;
    private Tracking tracking;
    private TrackHits hits;
    private User rep;
    private Company customer;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        store = CrmStore.over(mongo.template(), clock, CrmStore.Backend.EMBEDDED);
        TrackingTokens tokens = new TrackingTokens(Map.of("k1", "0123456789abcdef0123456789abcdef".getBytes()), "k1");
        TrackingSettings settings = new TrackingSettings("https://t.example", io.genjin.tracking.classify.Thresholds.defaults(),
                Duration.ofMinutes(30), 2, true, 1000, 100, Duration.ofDays(30), ZoneOffset.UTC,
                new InstrumentLimits(10_000, 5, 30_000));
        tracking = new Tracking(store, mongo.template(), tokens, settings, ScannerCatalogue.builtIn(), TrackingTexts.ENGLISH,
                events::add);
        hits = tracking.startHits(Duration.ofHours(1));
        rep = store.users().create("Li Lei", List.of("lilei@factory.example"), Role.REP, null, null, "zh-CN");
        customer = store.companies().insert(Company.create(Ids.newId(), "Acme Trading", List.of("acme.example"), rep.id(), clock.instant()));
        store.contacts().insert(new Contact(Ids.newId(), "Anna Buyer", List.of("anna@acme.example"), List.of(), "Buyer",
                customer.id(), rep.id(), false, null, clock.instant()));
    }

    @AfterEach
    void stop() {
        hits.close();
        mongo.close();
    }

    @Test
    void instrumentingFindsTheCustomerFromTheRecipientAndIsIdempotentPerMessageId() {
        InstrumentedMessage first = quote("<q1@factory.example>");
        assertThat(first.created()).isTrue();
        assertThat(first.companyId()).isEqualTo(customer.id());
        assertThat(first.recipients()).extracting(InstrumentedMessage.RecipientCopy::address).containsExactly("anna@acme.example");
        assertThat(first.senderCopy().address()).isEqualTo("lilei@factory.example");
        assertThat(first.senderCopy().pixelUrl()).isNotEqualTo(first.recipients().get(0).pixelUrl());
        InstrumentedMessage again = quote("<q1@factory.example>");
        assertThat(again.created()).isFalse();
        assertThat(again.trackedId()).isEqualTo(first.trackedId());
        assertThat(again.recipients().get(0).html()).isEqualTo(first.recipients().get(0).html());
        assertThatThrownBy(() -> tracking.instrument(new InstrumentRequest("<q1@factory.example>", rep.id(), null, null, true,
                "Quote", "<a href='https://other.example/'>x</a>", null, List.of("anna@acme.example"), null)))
                .isInstanceOf(Tracking.AlreadyInstrumented.class);
    }

    @Test
    void instrumentingForMoreRecipientsThanTheLimitIsRefusedNamingItAndStoresNothing() {
        List<String> six = List.of("a@x.example", "b@x.example", "c@x.example", "d@x.example", "e@x.example", "f@x.example");
        assertThatThrownBy(() -> tracking.instrument(new InstrumentRequest("<many@factory.example>", rep.id(), null, null,
                false, "Hi", "<p>hi</p>", null, six, null)))
                .isInstanceOfSatisfying(Tracking.TooLarge.class, e -> assertThat(e.setting()).isEqualTo("max-recipients"));
        assertThat(tracking.byMessageId("<many@factory.example>", 0)).isEmpty();
    }

    @Test
    void instrumentingABodyWhoseCopiesWouldOutgrowTheOutputLimitIsRefusedBeforeAnyCopyIsMade() {
        String body = "<p>" + "x".repeat(6_000) + "</p>";
        List<String> five = List.of("a@x.example", "b@x.example", "c@x.example", "d@x.example", "e@x.example");
        assertThatThrownBy(() -> tracking.instrument(new InstrumentRequest("<big@factory.example>", rep.id(), null, null,
                false, "Hi", body, null, five, null)))
                .isInstanceOfSatisfying(Tracking.TooLarge.class, e -> assertThat(e.setting()).isEqualTo("max-output-chars"));
        assertThatThrownBy(() -> tracking.instrument(new InstrumentRequest("<huge@factory.example>", rep.id(), null, null,
                false, "Hi", body, body, List.of("a@x.example"), null)))
                .isInstanceOfSatisfying(Tracking.TooLarge.class, e -> assertThat(e.setting()).isEqualTo("max-body-chars"));
        assertThat(tracking.instrument(new InstrumentRequest("<one@factory.example>", rep.id(), null, null, false, "Hi", body,
                null, List.of("a@x.example"), null)).recipients()).hasSize(1);
    }

    @Test
    void instrumentingWithoutACompanyLinksOnlyToACustomerTheCallerMayLink() {
        InstrumentedMessage hidden = tracking.instrument(new InstrumentRequest("<other@factory.example>", rep.id(), null, null,
                true, "Quote", "<p>q</p>", null, List.of("anna@acme.example"), null), companyId -> false);
        assertThat(hidden.companyId()).isNull();
        assertThat(tracking.message(hidden.trackedId(), 0).orElseThrow().companyId()).isNull();
        InstrumentedMessage seen = tracking.instrument(new InstrumentRequest("<mine@factory.example>", rep.id(), null, null,
                true, "Quote", "<p>q</p>", null, List.of("anna@acme.example"), null), customer.id()::equals);
        assertThat(seen.companyId()).isEqualTo(customer.id());
    }

    @Test
    void aStoreErrorOnOneMessageCostsNeitherTheOtherMessagesHitsNorItsOwnLogEntries() {
        InstrumentedMessage broken = quote("<broken@factory.example>");
        InstrumentedMessage fine = quote("<fine@factory.example>");
        // A counter stored as text reads back as 0 but $inc on it fails: a store error for this message only.
        mongo.template().updateFirst(Query.query(org.springframework.data.mongodb.core.query.Criteria.where("_id")
                .is(broken.trackedId())), new org.springframework.data.mongodb.core.query.Update()
                .set("counters.opens", "0"), TrackedMessage.class);
        clock.advance(Duration.ofHours(2));
        hits.open(hit(token(broken.recipients().get(0).pixelUrl(), "/t/o/").replace(".gif", ""), "203.0.113.5", BROWSER));
        hits.open(hit(token(fine.recipients().get(0).pixelUrl(), "/t/o/").replace(".gif", ""), "203.0.113.6", BROWSER));
        awaitDrained();
        assertThat(tracking.message(fine.trackedId(), 0).orElseThrow().counters().opens()).isEqualTo(1);
        assertThat(tracking.storedHits(broken.trackedId())).as("the hit itself is kept").isEqualTo(1);
    }

    @Test
    void aQuoteReadInTwoHumanSessionsRaisesOneHighPriorityTaskAndOneEvent() {
        InstrumentedMessage quote = quote("<q2@factory.example>");
        String pixel = token(quote.recipients().get(0).pixelUrl(), "/t/o/").replace(".gif", "");
        clock.advance(Duration.ofHours(2));
        hits.open(hit(pixel, "203.0.113.5", BROWSER));
        clock.advance(Duration.ofMinutes(5));
        hits.open(hit(pixel, "203.0.113.5", BROWSER)); // same session
        awaitDrained();
        assertThat(intentTasks()).isEmpty();
        clock.advance(Duration.ofHours(3));
        hits.open(hit(pixel, "203.0.113.5", BROWSER));
        hits.open(hit(pixel, "203.0.113.5", BROWSER));
        awaitDrained();

        assertThat(intentTasks()).singleElement().satisfies(task -> {
            assertThat(task.priority()).isEqualTo(Priority.HIGH);
            assertThat(task.assigneeId()).isEqualTo(rep.id());
            assertThat(task.originRule()).isEqualTo(RaiseIntent.ORIGIN_RULE);
            assertThat(task.dedupeKey()).isEqualTo("intent:<q2@factory.example>:2026-03-02");
            assertThat(task.title()).isEqualTo("Customer shows strong intent — contact now");
        });
        assertThat(events).singleElement().isInstanceOfSatisfying(CustomerShowedIntent.class, e -> {
            assertThat(e.signal()).isEqualTo(CustomerShowedIntent.Signal.REPEATED_OPENS);
            assertThat(e.taskId()).isEqualTo(intentTasks().get(0).id());
            assertThat(e.contactAddress()).isEqualTo("anna@acme.example");
        });
        MessageTracking seen = tracking.message(quote.trackedId(), 10).orElseThrow();
        assertThat(seen.counters().opens()).isEqualTo(4);
        assertThat(seen.counters().humanOpens()).isEqualTo(4);
        assertThat(seen.counters().sessions()).isEqualTo(2);
        assertThat(seen.recipients().get(0).counters().sessions()).isEqualTo(2);
        assertThat(seen.recentHits()).hasSize(4).allMatch(MessageTracking.Hit::human);
        var timeline = store.timeline().page(customer.id(), EnumSet.of(ActivityType.TRACKING), null, 50).items();
        assertThat(timeline).hasSize(2).allSatisfy(a -> {
            assertThat(a.body()).isEqualTo("human");
            assertThat(a.attributes()).containsEntry("verdict", "human").containsEntry("kind", "open");
        });
    }

    @Test
    void machineOpensNeitherCountAsSessionsNorRaiseIntentButReachTheTimelineWithTheirReason() {
        InstrumentedMessage quote = quote("<q3@factory.example>");
        String pixel = token(quote.recipients().get(0).pixelUrl(), "/t/o/").replace(".gif", "");
        clock.advance(Duration.ofSeconds(2));
        hits.open(hit(pixel, "40.107.22.51", BROWSER)); // Safe Links at delivery
        clock.advance(Duration.ofHours(1));
        hits.open(hit(pixel, "17.58.101.12", "Mozilla/5.0")); // Apple MPP
        clock.advance(Duration.ofHours(2));
        hits.open(hit(pixel, "17.58.101.12", "Mozilla/5.0"));
        hits.open(new IncomingHit(pixel, "203.0.113.5", BROWSER, true, false, clock.instant())); // HEAD
        awaitDrained();
        MessageTracking seen = tracking.message(quote.trackedId(), 10).orElseThrow();
        assertThat(seen.counters().opens()).isEqualTo(4);
        assertThat(seen.counters().humanOpens()).isZero();
        assertThat(seen.counters().sessions()).isZero();
        assertThat(seen.recentHits()).extracting(MessageTracking.Hit::reason)
                .containsExactlyInAnyOrder("microsoft_safelinks", "apple_mpp", "apple_mpp", "prefetch");
        assertThat(intentTasks()).isEmpty();
        assertThat(store.timeline().page(customer.id(), EnumSet.of(ActivityType.TRACKING), null, 50).items())
                .extracting(a -> a.body()).containsExactlyInAnyOrder("machine: microsoft_safelinks", "machine: apple_mpp",
                        "machine: prefetch");
    }

    @Test
    void theSendersOwnCopyIsTheSenderAndSoIsTheirAddressOnTheCustomersCopy() {
        InstrumentedMessage quote = quote("<q4@factory.example>");
        String own = token(quote.senderCopy().pixelUrl(), "/t/o/").replace(".gif", "");
        String customers = token(quote.recipients().get(0).pixelUrl(), "/t/o/").replace(".gif", "");
        clock.advance(Duration.ofMinutes(10));
        hits.open(hit(own, "198.51.100.20", BROWSER));
        awaitDrained();
        clock.advance(Duration.ofHours(2));
        hits.open(hit(customers, "198.51.100.20", BROWSER));
        clock.advance(Duration.ofHours(2));
        hits.open(hit(customers, "198.51.100.20", BROWSER));
        awaitDrained();
        MessageTracking seen = tracking.message(quote.trackedId(), 10).orElseThrow();
        assertThat(seen.recentHits()).extracting(MessageTracking.Hit::reason).containsOnly("sender");
        assertThat(intentTasks()).isEmpty();
    }

    @Test
    void aScannerClickingEveryLinkAtOnceIsNotIntentButAPersonClickingLaterIs() {
        InstrumentedMessage mail = tracking.instrument(new InstrumentRequest("<c1@factory.example>", rep.id(), null, null, false,
                "New LED panels", "<a href='https://factory.example/a'>a</a> <a href='https://factory.example/b'>b</a>"
                        + " <a href='https://factory.example/c'>c</a>", null, List.of("anna@acme.example"), null));
        String html = mail.recipients().get(0).html();
        List<String> clicks = org.jsoup.Jsoup.parse(html).select("a").eachAttr("href").stream().map(h -> token(h, "/t/c/")).toList();
        clock.advance(Duration.ofHours(1));
        hits.open(hit(token(mail.recipients().get(0).pixelUrl(), "/t/o/").replace(".gif", ""), "203.0.113.5", BROWSER));
        clock.advance(Duration.ofMinutes(1));
        for (String click : clicks) {
            assertThat(hits.click(hit(click, "198.51.100.99", BROWSER))).isPresent();
            clock.advance(Duration.ofMillis(300));
        }
        clock.advance(Duration.ofSeconds(5));
        awaitDrained();
        assertThat(intentTasks()).as("a burst is a scanner").isEmpty();
        clock.advance(Duration.ofMinutes(20));
        assertThat(hits.click(hit(clicks.get(1), "203.0.113.5", BROWSER))).contains("https://factory.example/b");
        clock.advance(Duration.ofSeconds(5));
        awaitDrained();
        assertThat(intentTasks()).singleElement().satisfies(t -> assertThat(t.notes()).contains("https://factory.example/b"));
        assertThat(events).singleElement().isInstanceOfSatisfying(CustomerShowedIntent.class,
                e -> assertThat(e.url()).isEqualTo("https://factory.example/b"));
        MessageTracking seen = tracking.message(mail.trackedId(), 10).orElseThrow();
        assertThat(seen.counters().clicks()).isEqualTo(4);
        assertThat(seen.counters().humanClicks()).isEqualTo(1);
        assertThat(seen.recentHits()).filteredOn(h -> h.kind() == io.genjin.tracking.token.Token.Kind.CLICK && !h.human())
                .extracting(MessageTracking.Hit::reason).containsOnly("burst");
    }

    @Test
    void theIntentTaskIsCreatedExactlyOnceUnderConcurrentRaises() throws Exception {
        InstrumentedMessage mail = quote("<q5@factory.example>");
        TrackedMessage message = mongo.template().findById(mail.trackedId(), TrackedMessage.class);
        RaiseIntent raise = new RaiseIntent(store, events::add, TrackingTexts.ENGLISH, ZoneOffset.UTC);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < threads * 4; i++) {
            futures.add(pool.submit(() -> {
                go.await();
                return raise.raise(message, message.recipient(0), CustomerShowedIntent.Signal.CLICK, "https://factory.example/q",
                        clock.instant());
            }));
        }
        go.countDown();
        long created = 0;
        for (var f : futures) {
            created += ((java.util.Optional<?>) f.get(30, TimeUnit.SECONDS)).isPresent() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(created).isEqualTo(1);
        assertThat(intentTasks()).hasSize(1);
        assertThat(events).hasSize(1);
    }

    @Test
    void closingTheWriterWritesEverythingQueuedIncludingClicksStillHeldBack() {
        InstrumentedMessage mail = quote("<q6@factory.example>");
        String pixel = token(mail.recipients().get(0).pixelUrl(), "/t/o/").replace(".gif", "");
        String click = token(org.jsoup.Jsoup.parse(mail.recipients().get(0).html()).select("a").attr("href"), "/t/c/");
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 500; i++) {
            hits.open(hit(pixel, "17.58.101." + (i % 250), "Mozilla/5.0"));
        }
        hits.click(hit(click, "203.0.113.5", BROWSER));
        hits.close();
        assertThat(tracking.storedHits(mail.trackedId())).isEqualTo(501);
        assertThat(hits.stats().dropped()).isZero();
        // What close queues to wake the writer is never taken for a hit.
        assertThat(hits.stats().failed()).isZero();
        assertThat(hits.stats().queued()).isZero();
    }

    @Test
    void rawAddressesAreHashedAfterTheRetentionPeriod() {
        InstrumentedMessage mail = quote("<q7@factory.example>");
        String pixel = token(mail.recipients().get(0).pixelUrl(), "/t/o/").replace(".gif", "");
        clock.advance(Duration.ofHours(1));
        hits.open(hit(pixel, "203.0.113.77", BROWSER));
        awaitDrained();
        assertThat(hits.hashOldAddresses()).isZero();
        assertThat(allIps()).containsExactly("203.0.113.77");
        clock.advance(Duration.ofDays(31));
        assertThat(hits.hashOldAddresses()).isEqualTo(1);
        assertThat(allIps()).singleElement().asString().startsWith("h:").doesNotContain("203.0.113.77");
        assertThat(hits.hashOldAddresses()).as("idempotent").isZero();
    }

    private List<String> allIps() {
        return mongo.template().find(new Query(), HitBucket.class).stream().flatMap(b -> b.hits().stream())
                .map(h -> h.ip()).toList();
    }

    private InstrumentedMessage quote(String messageId) {
        return tracking.instrument(new InstrumentRequest(messageId, rep.id(), null, null, true, "Quotation LED-2000",
                "<p>Please see <a href='https://factory.example/q/2000.pdf'>the quotation</a>.</p>", null,
                List.of("Anna@Acme.example"), clock.instant()));
    }

    private List<Task> intentTasks() {
        return store.tasks().ofCompany(customer.id(), EnumSet.allOf(TaskStatus.class)).stream()
                .filter(t -> RaiseIntent.ORIGIN_RULE.equals(t.originRule())).toList();
    }

    private IncomingHit hit(String token, String ip, String ua) {
        return new IncomingHit(token, ip, ua, false, false, clock.instant());
    }

    private void awaitDrained() {
        await().atMost(Duration.ofSeconds(10)).until(hits::drained);
    }

    private static String token(String url, String path) {
        return url.substring(url.indexOf(path) + path.length());
    }
}
