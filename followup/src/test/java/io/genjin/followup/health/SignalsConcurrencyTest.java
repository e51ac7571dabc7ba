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
     * A change whose versioned save finds that another replica wrote the signals since they were read
     * is applied again to what that replica wrote: neither entry is lost.
     */
    @Test
    void aChangeWhoseSaveFindsAnotherReplicasWriteIsAppliedAgainToIt() {
        HealthStore one = new HealthStore(mongo.template());
        HealthStore two = new HealthStore(mongo.template());
        one.change("c", s -> s.with(mail("<1@c>", 1)));
        int[] applied = {0};
        Signals after = one.change("c", s -> {
            if (applied[0]++ == 0) {
                two.change("c", t -> t.with(mail("<2@c>", 2)));
            }
            return s.with(mail("<3@c>", 3));
        });
        assertThat(applied[0]).as("applied again after the failed save").isEqualTo(2);
        assertThat(one.signals("c").mail()).extracting(Signals.Mail::m).containsExactly("<1@c>", "<2@c>", "<3@c>");
        assertThat(after).isEqualTo(one.signals("c"));
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
