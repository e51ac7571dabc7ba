package io.genjin.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import io.genjin.tracking.classify.ScannerCatalogue;
import io.genjin.tracking.hit.HitBucket;
import io.genjin.tracking.token.TrackingTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

/** A store that refuses one message's hit log for a while: those hits wait and are written later; the others at once. */
class HitWriterRetryTest {
    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
    private final AtomicInteger refusalsLeft = new AtomicInteger(2);
    private volatile String refused;

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void hitsWhoseWriteFailedAreWrittenByALaterTryAndTheOtherMessagesHitsAreNotHeldBack() {
        // A bulk insert that includes the refused message's bucket fails, and so does its single retry;
        // the next try (a second later) succeeds: a primary election, say.
        MongoTemplate flaky = new MongoTemplate(mongo.template().getMongoDatabaseFactory()) {
            @Override
            public <T> Collection<T> insert(Collection<? extends T> batch, Class<?> entityClass) {
                if (entityClass == HitBucket.class && batch.stream().anyMatch(b -> ((HitBucket) b).trackedId().equals(refused))
                        && refusalsLeft.getAndDecrement() > 0) {
                    throw new DataAccessResourceFailureException("not primary");
                }
                return super.insert(batch, entityClass);
            }
        };
        Fixture f = fixture(flaky);
        Tracking tracking = f.tracking();
        User rep = f.rep();
        InstrumentedMessage a = send(tracking, rep, "<a@factory.example>");
        InstrumentedMessage b = send(tracking, rep, "<b@factory.example>");
        refused = a.trackedId();

        try (TrackHits hits = tracking.startHits(Duration.ofHours(1))) {
            hits.open(new IncomingHit(pixel(a), "203.0.113.5", BROWSER, false, false, clock.instant()));
            hits.open(new IncomingHit(pixel(b), "203.0.113.6", BROWSER, false, false, clock.instant()));
            await().atMost(Duration.ofSeconds(10)).until(() -> tracking.storedHits(b.trackedId()) == 1);
            await().atMost(Duration.ofSeconds(15)).until(() -> tracking.storedHits(a.trackedId()) == 1);
            await().atMost(Duration.ofSeconds(5)).until(hits::drained);
            assertThat(hits.stats().failed()).isZero();
            assertThat(tracking.message(a.trackedId(), 0).orElseThrow().counters().opens()).isEqualTo(1);
        }
        assertThat(refusalsLeft.get()).as("the store did refuse").isNegative();
    }

    @Test
    void aFailingIntentListenerCostsNeitherTheHitNorTheTask() {
        CrmStore store = CrmStore.over(mongo.template(), Clock.systemUTC(), CrmStore.Backend.EMBEDDED);
        TrackingTokens tokens = new TrackingTokens(Map.of("k1", "0123456789abcdef0123456789abcdef".getBytes()), "k1");
        Tracking tracking = new Tracking(store, mongo.template(), tokens, TrackingSettings.defaults("https://t.example"),
                ScannerCatalogue.builtIn(), TrackingTexts.ENGLISH, event -> {
                    throw new IllegalStateException("the notifier is down");
                });
        User rep = store.users().create("Li Lei", List.of("lilei@factory.example"), Role.REP, null, null, "en");
        Company acme = store.companies().insert(Company.create(Ids.newId(), "Acme", List.of("acme.example"), rep.id(),
                Instant.now()));
        store.contacts().insert(new io.genjin.store.customer.Contact(Ids.newId(), "Anna", List.of("anna@acme.example"),
                List.of(), null, acme.id(), rep.id(), false, null, Instant.now()));
        InstrumentedMessage mail = tracking.instrument(new InstrumentRequest("<c@factory.example>", rep.id(), null, null,
                false, "Hi", "<a href='https://factory.example/catalogue'>catalogue</a>", null, List.of("anna@acme.example"),
                Instant.now().minus(Duration.ofHours(2))));
        String href = org.jsoup.Jsoup.parse(mail.recipients().get(0).html()).select("a").attr("href");
        String click = href.substring(href.indexOf("/t/c/") + 5);
        try (TrackHits hits = tracking.startHits(Duration.ofHours(1))) {
            // Stamped now (the writer settles a click once its burst window has passed), two hours after sending.
            hits.click(new IncomingHit(click, "203.0.113.5", BROWSER, false, false, Instant.now()));
            await().atMost(Duration.ofSeconds(15)).until(() -> tracking.storedHits(mail.trackedId()) == 1);
            await().atMost(Duration.ofSeconds(5)).until(hits::drained);
            assertThat(hits.stats().failed()).isZero();
        }
        assertThat(store.tasks().ofCompany(acme.id(), java.util.EnumSet.allOf(io.genjin.store.task.TaskStatus.class)))
                .as("the intent task").hasSize(1);
    }

    @Test
    void closingWhileABatchIsBeingWrittenWritesEveryHitQueuedBehindIt() throws Exception {
        // The first write waits until close() has queued what wakes the writer: that marker then sits
        // behind ten hits, and the writer's last drain takes both.
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        MongoTemplate slow = new MongoTemplate(mongo.template().getMongoDatabaseFactory()) {
            @Override
            public <T> Collection<T> insert(Collection<? extends T> batch, Class<?> entityClass) {
                if (entityClass == HitBucket.class && writing.getCount() > 0) {
                    writing.countDown();
                    try {
                        closed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.insert(batch, entityClass);
            }
        };
        Fixture f = fixture(slow);
        Tracking tracking = f.tracking();
        InstrumentedMessage a = send(tracking, f.rep(), "<a@factory.example>");
        TrackHits hits = tracking.startHits(Duration.ofHours(1));
        hits.open(new IncomingHit(pixel(a), "203.0.113.5", BROWSER, false, false, clock.instant()));
        assertThat(writing.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the first batch is being written").isTrue();
        for (int i = 0; i < 10; i++) {
            hits.open(new IncomingHit(pixel(a), "203.0.113." + (10 + i), BROWSER, false, false, clock.instant()));
        }
        Thread closing = new Thread(hits::close);
        closing.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> hits.stats().queued() == 11);
        closed.countDown();
        closing.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(hits.stats().failed()).isZero();
        assertThat(tracking.storedHits(a.trackedId())).isEqualTo(11);
    }

    private record Fixture(Tracking tracking, User rep) {
    }

    /** A rep and their customer Acme; tracking whose hit log is written through {@code hitStore}. */
    private Fixture fixture(MongoTemplate hitStore) {
        CrmStore store = CrmStore.over(mongo.template(), Clock.systemUTC(), CrmStore.Backend.EMBEDDED);
        TrackingTokens tokens = new TrackingTokens(Map.of("k1", "0123456789abcdef0123456789abcdef".getBytes()), "k1");
        Tracking tracking = new Tracking(store, hitStore, tokens, TrackingSettings.defaults("https://t.example"),
                ScannerCatalogue.builtIn(), TrackingTexts.ENGLISH, event -> { });
        User rep = store.users().create("Li Lei", List.of("lilei@factory.example"), Role.REP, null, null, "en");
        store.companies().insert(Company.create(Ids.newId(), "Acme", List.of("acme.example"), rep.id(), Instant.now()));
        return new Fixture(tracking, rep);
    }

    private static InstrumentedMessage send(Tracking tracking, User rep, String messageId) {
        return tracking.instrument(new InstrumentRequest(messageId, rep.id(), null, null, false, "Hi", "<p>hi</p>", null,
                List.of("anna@acme.example"), null));
    }

    private static String pixel(InstrumentedMessage m) {
        String url = m.recipients().get(0).pixelUrl();
        return url.substring(url.indexOf("/t/o/") + 5).replace(".gif", "");
    }
}
