package io.genjin.followup.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.followup.EmbeddedMongo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas (two stores, each with its own locks) adding the same customers' mail at the same time keep
 * every entry: a change that lost the race is applied again to what the other wrote. On the product's
 * own store: the in-memory test backend could hand one replica a document half changed by the other.
 */
class SignalsConcurrencyTest {
    private static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");
    private final EmbeddedMongo mongo = EmbeddedMongo.productStore();

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void twoReplicasWritingTheSameCustomersLoseNoMail() throws Exception {
        HealthStore one = new HealthStore(mongo.template());
        HealthStore two = new HealthStore(mongo.template());
        int customers = 10;
        int each = 25;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (HealthStore replica : List.of(one, two)) {
                String side = replica == one ? "a" : "b";
                done.add(threads.submit(() -> {
                    start.await();
                    for (int n = 0; n < each; n++) {
                        for (int c = 0; c < customers; c++) {
                            Signals.Mail mail = new Signals.Mail("<" + side + n + "@c" + c + ">", T0.plusSeconds(n), true, null,
                                    false, List.of());
                            replica.change("c" + c, s -> s.with(mail));
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        for (int c = 0; c < customers; c++) {
            Signals kept = one.signals("c" + c);
            assertThat(kept.mail()).as("customer c%d", c).hasSize(2 * each);
            assertThat(kept.version()).isNotNull();
        }
    }

    /**
     * A round of events about one customer starts each change from what the previous one returned,
     * without reading the signals again; when another replica wrote them in between, the versioned
     * save fails and the change is applied again to what that replica wrote.
     */
    @Test
    void aChangeFromTheLastSignalsReadsNothingAndStillKeepsWhatAnotherReplicaWroteSince() {
        org.springframework.data.mongodb.core.MongoTemplate counting = org.mockito.Mockito.spy(mongo.template());
        HealthStore one = new HealthStore(counting);
        HealthStore two = new HealthStore(mongo.template());
        Signals first = one.change("c", s -> s.with(mail("<1@c>", 1)));
        org.mockito.Mockito.clearInvocations(counting);

        Signals second = one.change("c", s -> s.with(mail("<2@c>", 2)), first);
        org.mockito.Mockito.verify(counting, org.mockito.Mockito.never()).findById(org.mockito.ArgumentMatchers.any(),
                org.mockito.ArgumentMatchers.eq(Signals.class));

        two.change("c", s -> s.with(mail("<3@c>", 3)));
        Signals fourth = one.change("c", s -> s.with(mail("<4@c>", 4)), second);
        assertThat(one.signals("c").mail()).extracting(Signals.Mail::m).containsExactly("<1@c>", "<2@c>", "<3@c>", "<4@c>");
        assertThat(fourth).isEqualTo(one.signals("c"));
    }

    private static Signals.Mail mail(String id, int second) {
        return new Signals.Mail(id, T0.plusSeconds(second), true, null, false, List.of());
    }

    @Test
    void signalsWrittenBeforeTheyHadAVersionKeepTheirMailAndGetOne() {
        mongo.template().getCollection("health_signals").insertOne(new Document("_id", "old")
                .append("mail", List.of(new Document("m", "<first@old>").append("at", java.util.Date.from(T0)).append("in", true)
                        .append("dissatisfied", false).append("topics", List.of())))
                .append("bounces", List.of()).append("quotes", List.of()).append("quoteReads", List.of()));
        HealthStore store = new HealthStore(mongo.template());

        store.change("old", s -> s.with(new Signals.Mail("<second@old>", T0.plusSeconds(60), false, null, false, List.of())));
        store.change("old", s -> s.with(new Signals.Mail("<third@old>", T0.plusSeconds(120), true, null, false, List.of())));

        Signals kept = store.signals("old");
        assertThat(kept.mail()).extracting(Signals.Mail::m).containsExactly("<first@old>", "<second@old>", "<third@old>");
        assertThat(kept.version()).isEqualTo(1L);
    }
}
