package io.genjin.followup.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.order.Order;
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
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Between the weekly runs that compare every customer's records, the nightly run learns whose orders,
 * payments and tasks changed from the marks their writes leave: an order, a payment, a task created,
 * done or falling due is in that customer's health the next night, and no other customer is recomputed.
 */
class RecordMarksNightlyTest extends HealthRig {
    private static final Instant START = Instant.parse("2026-04-01T02:30:00Z");

    RecordMarksNightlyTest() {
        super(START);
    }

    @Test
    void anOrderPaymentOrTaskWrittenDuringTheDayIsInItsCustomersHealthThatNight() {
        User rep = store.users().create("Li Lei", List.of("lilei@team.example"), Role.REP, null, null, "en");
        String acme = store.companies().insert(Company.create(Ids.newId(), "Acme", List.of("acme.example"), rep.id(), START)).id();
        for (int c = 0; c < 5; c++) {
            store.companies().insert(Company.create(Ids.newId(), "Other " + c, List.of("o" + c + ".example"), rep.id(), START));
        }
        scan.run();

        // Night 1: an order 100 days old, unpaid (due after 60 days).
        day(1);
        Order order = store.orders().insert(new Order(Ids.newId(), acme, "PO-1", new BigDecimal("900"), "USD",
                clock.instant().minus(Duration.ofDays(100)), rep.id(), clock.instant()));
        HealthScan.Report night = night(1);
        assertThat(night.recomputed()).isEqualTo(1);
        assertThat(part(acme, Component.ORDERS).applies()).isTrue();
        assertThat(part(acme, Component.PAYMENTS).score()).isZero();

        // Night 2: it is paid.
        day(2);
        store.orders().insert(new Payment(Ids.newId(), acme, order.id(), new BigDecimal("900"), "USD",
                order.orderedAt().plus(Duration.ofDays(30)), clock.instant()));
        assertThat(night(2).recomputed()).isEqualTo(1);
        assertThat(part(acme, Component.PAYMENTS).score()).isEqualTo(100);

        // Night 3: a task already overdue; night 4: it is done.
        day(3);
        Task late = task(acme, clock.instant().minus(Duration.ofHours(2)));
        night(3);
        assertThat(part(acme, Component.TASKS).score()).isEqualTo(60);
        day(4);
        store.tasks().closeIfOpen(late.id(), TaskStatus.DONE, "done", clock.instant());
        night(4);
        assertThat(part(acme, Component.TASKS).score()).isEqualTo(100);

        // A task due the day after tomorrow: nothing is written when it falls due, yet that night it counts.
        day(4);
        task(acme, START.plus(Duration.ofDays(5)).plus(Duration.ofHours(12)));
        night(5);
        assertThat(part(acme, Component.TASKS).score()).isEqualTo(100);
        assertThat(night(6).recomputed()).isEqualTo(1);
        assertThat(part(acme, Component.TASKS).score()).isEqualTo(60);
        assertThat(scan.differences()).isEmpty();
    }

    @Test
    void inTheProcessThatWroteThemTheyAreInTheHealthAtOnceAndTheNightAgrees() throws Exception {
        User rep = store.users().create("Li Lei", List.of("lilei@team.example"), Role.REP, null, null, "en");
        String acme = store.companies().insert(Company.create(Ids.newId(), "Acme", List.of("acme.example"), rep.id(), START)).id();
        scan.run();
        try (RecordsWatch watch = RecordsWatch.start(store.changes(), events)) {
            day(1);
            Order order = store.orders().insert(new Order(Ids.newId(), acme, "PO-1", new BigDecimal("900"), "USD",
                    clock.instant().minus(Duration.ofDays(100)), rep.id(), clock.instant()));
            settle(watch);
            assertThat(part(acme, Component.ORDERS).applies()).as("the order, before any night").isTrue();
            assertThat(part(acme, Component.PAYMENTS).score()).isZero();

            store.orders().insert(new Payment(Ids.newId(), acme, order.id(), new BigDecimal("900"), "USD",
                    order.orderedAt().plus(Duration.ofDays(30)), clock.instant()));
            settle(watch);
            assertThat(part(acme, Component.PAYMENTS).score()).isEqualTo(100);

            Task late = task(acme, clock.instant().minus(Duration.ofHours(2)));
            settle(watch);
            assertThat(part(acme, Component.TASKS).score()).isEqualTo(60);
            store.tasks().closeIfOpen(late.id(), TaskStatus.DONE, "done", clock.instant());
            settle(watch);
            assertThat(part(acme, Component.TASKS).score()).isEqualTo(100);
            int scoreBeforeTheNight = healthStore.health(acme).orElseThrow().score();

            // A customer created now has no health yet: it is computed when first shown or that night.
            String fresh = store.companies().insert(Company.create(Ids.newId(), "Fresh", List.of("fresh.example"), rep.id(),
                    clock.instant())).id();
            task(fresh, clock.instant().plus(Duration.ofDays(3)));
            settle(watch);
            assertThat(healthStore.health(fresh)).isEmpty();

            night(1);
            assertThat(healthStore.health(acme).orElseThrow().score()).isEqualTo(scoreBeforeTheNight);
            assertThat(scan.differences()).isEmpty();
        }
    }

    private static void settle(RecordsWatch watch) throws InterruptedException {
        assertThat(watch.awaitIdle(30, java.util.concurrent.TimeUnit.SECONDS)).as("recomputed").isTrue();
    }

    private void day(int day) {
        clock.set(START.plus(Duration.ofDays(day)).minus(Duration.ofHours(12)));
    }

    /** The run of that night, which must be one that trusts the marks (not a weekly comparison). */
    private HealthScan.Report night(int day) {
        clock.set(START.plus(Duration.ofDays(day)));
        HealthScan.Report report = scan.run();
        assertThat(healthStore.checked().orElseThrow().day()).as("night %d compared no records", day)
                .isEqualTo(START.atZone(java.time.ZoneOffset.UTC).toLocalDate());
        return report;
    }

    private Task task(String companyId, Instant due) {
        return store.tasks().insert(new Task(Ids.newId(), companyId, "Call back", null, TaskType.CALL, Priority.NORMAL, due,
                null, TaskStatus.OPEN, null, null, null, null, null, null, clock.instant(), null));
    }

    private CustomerHealth.Part part(String companyId, Component component) {
        return healthStore.health(companyId).orElseThrow().parts().stream().filter(p -> p.key().equals(component.key()))
                .findFirst().orElseThrow();
    }
}
