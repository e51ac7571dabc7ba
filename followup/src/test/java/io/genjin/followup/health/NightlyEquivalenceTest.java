package io.genjin.followup.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.followup.People;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.events.CustomerMailRead;
import io.genjin.store.events.CustomerReplied;
import io.genjin.store.events.CustomerShowedIntent;
import io.genjin.store.events.MessageLinked;
import io.genjin.store.events.QuoteSent;
import io.genjin.store.message.Direction;
import io.genjin.store.order.Order;
import io.genjin.store.order.OrderStatus;
import io.genjin.store.order.Payment;
import io.genjin.store.task.Priority;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.task.TaskType;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The nightly recompute reads its inputs as raw documents in batches and writes only what changed; it
 * must give every customer the health that the object-mapped, per-customer computation gives.
 */
class NightlyEquivalenceTest extends HealthRig {
    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

    NightlyEquivalenceTest() {
        super(START);
    }

    @Test
    void theBatchedRawRecomputeGivesEveryCustomerTheHealthTheMappedOneGives() {
        User manager = store.users().create("Wang Fang", List.of("wang@team.example"), Role.MANAGER, null, null, "en");
        User rep = store.users().create("Li Lei", List.of("lilei@team.example"), Role.REP, null, manager.id(), "en");
        Random random = new Random(7);
        List<String> ids = new ArrayList<>();
        // More than a batch, so that batches and both threads are exercised.
        for (int c = 0; c < HealthScan.BATCH + 150; c++) {
            ids.add(store.companies().insert(Company.create(Ids.newId(), "Customer " + c, List.of("c" + c + ".example"),
                    c % 7 == 0 ? null : rep.id(), START)).id());
        }
        String[] tones = {"positive", "neutral", "negative"};
        String[] topics = {"lead-time", "counter-offer", "certification", "sample", "payment-delay"};
        for (int day = 0; day < 120; day++) {
            clock.advance(Duration.ofDays(1));
            for (int k = 0; k < 25; k++) {
                String id = ids.get(random.nextInt(ids.size()));
                String m = "d" + day + "-" + k;
                Instant at = clock.instant();
                switch (random.nextInt(6)) {
                    case 0, 1 -> {
                        events.on(new CustomerReplied(m, id, List.of(), null, rep.id(), at));
                        events.on(new CustomerMailRead(m, id, List.of(), rep.id(), at, null, tones[random.nextInt(3)],
                                random.nextInt(8) == 0, List.of(topics[random.nextInt(topics.length)])));
                    }
                    case 2, 3 -> events.on(new MessageLinked(m, id, List.of(), Direction.OUTBOUND, rep.id(), at));
                    case 4 -> events.on(new QuoteSent(m, id, rep.id(), at));
                    default -> {
                        events.on(new CustomerShowedIntent(m, id, "buyer@c.example", rep.id(), null,
                                CustomerShowedIntent.Signal.REPEATED_OPENS, null, at));
                        healthStore.change(id, s -> s.withBounce(new Signals.Mark(m, at, "gone" + random.nextInt(3) + "@c.example")));
                    }
                }
            }
            if (day % 10 == 0) {
                String id = ids.get(random.nextInt(ids.size()));
                Order order = store.orders().insert(new Order(Ids.newId(), id, "PO-" + day, new BigDecimal("1200.50"), "USD",
                        clock.instant().minus(Duration.ofDays(random.nextInt(300))), rep.id(), clock.instant(),
                        day % 30 == 0 ? OrderStatus.PI_SENT : null, List.of()));
                store.orders().insert(new Payment(Ids.newId(), id, order.id(), new BigDecimal("1200.50"), "USD",
                        order.orderedAt().plus(Duration.ofDays(random.nextInt(100))), clock.instant()));
                store.tasks().insert(new Task(Ids.newId(), id, "Call back", null, TaskType.CALL, Priority.NORMAL,
                        clock.instant().plus(Duration.ofDays(random.nextInt(10) - 5)), rep.id(),
                        day % 20 == 0 ? TaskStatus.DONE : TaskStatus.OPEN, null, null, null, null, null, rep.id(),
                        clock.instant(), null));
            }
            if (day == 60) {
                scan.run();
            }
        }
        clock.advance(Duration.ofHours(30));

        // The old way: each customer's inputs through the object mapping, one customer at a time.
        People people = People.of(store);
        Map<String, CustomerHealth> expected = new HashMap<>();
        for (String id : ids) {
            Company c = store.companies().get(id);
            String team = c.ownerId() == null ? null : people.user(c.ownerId()).map(User::teamId).orElse(null);
            HealthPolicy policy = healthStore.policy(team);
            Signals signals = healthStore.signals(id);
            assertThat(RawReads.signals(raw("health_signals", id))).isEqualTo(signals);
            CustomerHealth before = healthStore.health(id).orElse(null);
            if (before != null) {
                assertThat(RawReads.health(raw("customer_health", id))).isEqualTo(before);
            }
            expected.put(id, Assess.of(id, c.ownerId(), signals, RecordParts.of(store, id, policy, clock.instant()),
                    RecordParts.money(store, id, policy, clock.instant()), store.orders().ofCompany(id),
                    store.orders().paymentsOf(id), before, policy, clock.instant()).health());
        }

        HealthScan.Report report = scan.runFull();

        assertThat(report.customers()).isEqualTo(ids.size());
        int unchanged = 0;
        for (String id : ids) {
            CustomerHealth stored = healthStore.health(id).orElseThrow();
            CustomerHealth want = expected.get(id);
            assertThat(stored.parts()).as(id).isEqualTo(want.parts());
            assertThat(stored.score()).as(id).isEqualTo(want.score());
            assertThat(stored.tags()).as(id).isEqualTo(want.tags());
            assertThat(stored.sameAs(want)).as(id).isTrue();
            if (!stored.computedAt().equals(clock.instant())) {
                unchanged++;
            }
        }
        // Written: exactly the healths that changed; computedAt of the others stays when they last changed.
        assertThat(report.written()).isEqualTo(ids.size() - unchanged);
        assertThat(expected.values().stream().filter(h -> h.parts().stream().anyMatch(p -> p.key().equals("overdue-tasks")
                && p.score() < 100))).isNotEmpty();
        assertThat(expected.values().stream().filter(h -> h.parts().stream().anyMatch(p -> p.key().equals("payments")
                && p.applies()))).isNotEmpty();
        assertThat(expected.values().stream().filter(h -> h.parts().stream().anyMatch(p -> p.key().equals("bounces")
                && p.score() < 100))).isNotEmpty();
        assertThat(expected.values().stream().filter(h -> h.parts().stream().anyMatch(p -> p.key().equals("quote-reads")
                && p.applies() && p.score() < 100))).isNotEmpty();

        // A second run the same moment changes nothing and writes nothing.
        assertThat(scan.runFull().written()).isZero();
    }

    private Document raw(String collection, String id) {
        Object key = org.bson.types.ObjectId.isValid(id) ? new org.bson.types.ObjectId(id) : id;
        Document d = mongo.template().getCollection(collection).find(new Document("_id", key)).first();
        return d == null ? new Document("_id", key) : d;
    }
}
