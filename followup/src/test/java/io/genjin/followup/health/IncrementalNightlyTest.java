package io.genjin.followup.health;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The nightly run recomputes only the customers whose health may have changed; over simulated months of
 * mail, orders, payments, tasks created, done and falling due, owner and policy changes, every night it
 * must leave every customer's stored health (score, components with their reasons, tags, alert state,
 * next change) and today's trend point exactly as a full recompute would, and raise every alert a full
 * recompute would (a full recompute after it finds nothing left to change or raise).
 */
class IncrementalNightlyTest extends HealthRig {
    private static final Instant START = Instant.parse("2026-01-01T02:30:00Z");

    IncrementalNightlyTest() {
        super(START);
    }

    @Test
    void everyNightTheIncrementalRunLeavesWhatAFullRecomputeWould() {
        User manager = store.users().create("Wang Fang", List.of("wang@team.example"), Role.MANAGER, null, null, "en");
        User rep = store.users().create("Li Lei", List.of("lilei@team.example"), Role.REP, null, manager.id(), "en");
        User other = store.users().create("Zhao Min", List.of("zhao@team.example"), Role.REP, "team-b", manager.id(), "en");
        Random random = new Random(11);
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < 200; c++) {
            ids.add(store.companies().insert(Company.create(Ids.newId(), "Customer " + c, List.of("c" + c + ".example"),
                    c % 9 == 0 ? null : c % 3 == 0 ? other.id() : rep.id(), START)).id());
        }
        // A history before the first night: mail over the last months, some orders and payments.
        for (String id : ids) {
            Instant at = START.minus(Duration.ofDays(20 + random.nextInt(340)));
            for (int k = 0; k < 6 + random.nextInt(20); k++) {
                at = at.minus(Duration.ofHours(24 + random.nextInt(24 * 10)));
                mail(id, "h-" + id + "-" + k, at, random);
            }
            if (random.nextInt(3) == 0) {
                order(id, START.minus(Duration.ofDays(random.nextInt(500))), random);
            }
        }
        String[] tones = {"positive", "neutral", "negative"};
        List<Task> open = new ArrayList<>();
        int recomputed = 0;
        int nights = 0;
        int dropped = 0;
        for (int day = 0; day < 100; day++) {
            // The night: 02:30 of the day, then the day's data until the next night.
            clock.set(START.plus(Duration.ofDays(day)));
            HealthScan.Report report = scan.run();
            dropped += report.dropped() + report.warned();
            if (day > 0) {
                recomputed += report.recomputed();
                nights++;
            }
            assertThat(scan.differences()).as("day %d", day).isEmpty();
            for (int k = 0; k < 10; k++) {
                clock.set(START.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(60 + random.nextInt(60 * 22))));
                String id = ids.get(random.nextInt(ids.size()));
                String m = "d" + day + "-" + k;
                Instant at = clock.instant();
                switch (random.nextInt(7)) {
                    case 0, 1 -> {
                        events.on(new CustomerReplied(m, id, List.of(), null, rep.id(), at));
                        events.on(new CustomerMailRead(m, id, List.of(), rep.id(), at, null, tones[random.nextInt(3)],
                                random.nextInt(6) == 0, List.of("lead-time")));
                    }
                    case 2, 3 -> events.on(new MessageLinked(m, id, List.of(), Direction.OUTBOUND, rep.id(), at));
                    case 4 -> events.on(new QuoteSent(m, id, rep.id(), at));
                    case 5 -> events.on(new CustomerShowedIntent(m, id, "buyer@c.example", rep.id(), null,
                            CustomerShowedIntent.Signal.REPEATED_OPENS, null, at));
                    default -> healthStore.change(id, s -> s.withBounce(new Signals.Mark(m, at, "gone" + random.nextInt(3)
                            + "@c.example")));
                }
            }
            if (day % 3 == 0) {
                order(ids.get(random.nextInt(ids.size())), clock.instant().minus(Duration.ofDays(random.nextInt(90))), random);
            }
            if (day % 2 == 0) {
                // Tasks due from yesterday to a week ahead fall due on later nights; some are done.
                open.add(store.tasks().insert(new Task(Ids.newId(), ids.get(random.nextInt(ids.size())), "Call back", null,
                        TaskType.CALL, Priority.NORMAL, clock.instant().plus(Duration.ofHours(random.nextInt(24 * 8) - 24)),
                        rep.id(), TaskStatus.OPEN, null, null, null, null, null, rep.id(), clock.instant(), null)));
            }
            if (day % 5 == 4 && !open.isEmpty()) {
                Task done = store.tasks().get(open.remove(random.nextInt(open.size())).id());
                store.tasks().save(done.closed(TaskStatus.DONE, "done", clock.instant()));
            }
            if (day == 40) {
                healthStore.savePolicy(new HealthPolicy("team-b", Map.of("tone", 40, "overdue-tasks", 30), 70, 5, 30));
            }
            if (day == 70) {
                String id = ids.get(5);
                store.companies().save(store.companies().get(id).withOwner(other.id()));
            }
            if (day == 90) {
                String tagged = healthStore.withTag("delivery-sensitive").iterator().next();
                assertThat(healthStore.removeTag(tagged, "delivery-sensitive", clock.instant())).isTrue();
            }
        }
        // Incremental: most nights recompute a small part of the book.
        assertThat(recomputed / nights).isLessThan(ids.size() / 2);
        assertThat(dropped).isPositive();
    }

    private void mail(String id, String m, Instant at, Random random) {
        boolean in = random.nextBoolean();
        healthStore.change(id, s -> s.with(new Signals.Mail(m, at, in, in ? "neutral" : null, in && random.nextInt(9) == 0,
                in && random.nextInt(3) == 0 ? List.of("lead-time") : List.of())));
    }

    private void order(String id, Instant at, Random random) {
        Order order = store.orders().insert(new Order(Ids.newId(), id, "PO-" + Ids.newId(), new BigDecimal("900"), "USD", at,
                null, clock.instant(), random.nextInt(8) == 0 ? OrderStatus.PI_SENT : null, List.of()));
        if (random.nextBoolean()) {
            store.orders().insert(new Payment(Ids.newId(), id, order.id(), new BigDecimal("900"), "USD",
                    at.plus(Duration.ofDays(random.nextInt(120))), clock.instant()));
        }
    }
}
