package io.genjin.followup.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.followup.notify.Notification;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.events.CustomerMailRead;
import io.genjin.store.events.CustomerReplied;
import io.genjin.store.events.MessageLinked;
import io.genjin.store.message.Direction;
import io.genjin.store.order.Order;
import io.genjin.store.order.Payment;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The health score, its alerts and the smart tags, fed the domain events as the gateway publishes them. */
class HealthTest extends HealthRig {
    private static final Instant START = Instant.parse("2026-06-01T09:00:00Z");

    private final Health health = new Health(healthStore, events, clock, ZoneOffset.UTC);
    private final User manager = store.users().create("Wang Fang", List.of("wang@team.example"), Role.MANAGER, null, null, "en");
    private final User rep = store.users().create("Li Lei", List.of("lilei@team.example"), Role.REP, null, manager.id(), "en");
    private final Company buyer = store.companies().insert(Company.create(Ids.newId(), "Müller Leuchten",
            List.of("mueller.example"), rep.id(), START));
    private int n;

    HealthTest() {
        super(START);
    }

    @Test
    void aDissatisfiedCustomerFallsBelowTheThresholdOnceWithATaskNamingTheComponentsAndACopyToTheManager() {
        weeksOfFriendlyMail(8);
        CustomerHealth good = health.of(buyer.id()).orElseThrow();
        assertThat(good.score()).isGreaterThanOrEqualTo(80);

        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofHours(6));
            customerWrites("negative", true, List.of("lead-time"));
        }
        clock.advance(Duration.ofDays(10));
        customerWrites("negative", true, List.of());
        CustomerHealth bad = health.of(buyer.id()).orElseThrow();
        assertThat(bad.score()).isLessThan(60);
        assertThat(bad.belowSince()).isNotNull();
        assertThat(part(bad, "tone").score()).isLessThan(50);

        List<Task> drops = tasks(HealthAlerts.DROP);
        assertThat(drops).singleElement().satisfies(t -> {
            assertThat(t.assigneeId()).isEqualTo(rep.id());
            assertThat(t.title()).startsWith("followup.task.health-drop[Müller Leuchten, 5").contains(", 60, ")
                    .contains("health.component.tone");
        });
        assertThat(notifications.notificationsOf(manager.id(), 10)).extracting(Notification::kind)
                .contains(Notification.Kind.COPY);

        customerWrites("negative", true, List.of());
        assertThat(tasks(HealthAlerts.DROP)).as("once per drop").hasSize(1);
    }

    @Test
    void theToneFallingAgainstTheCustomersOwnBaselineRaisesOneEarlyWarningPerEpisode() {
        weeksOfFriendlyMail(8);
        assertThat(tasks(HealthAlerts.TONE)).isEmpty();
        clock.advance(Duration.ofDays(2));
        customerWrites("negative", false, List.of());
        clock.advance(Duration.ofDays(1));
        customerWrites("negative", false, List.of());
        assertThat(tasks(HealthAlerts.TONE)).hasSize(1);
        clock.advance(Duration.ofDays(1));
        customerWrites("negative", false, List.of());
        assertThat(tasks(HealthAlerts.TONE)).as("the same episode").hasSize(1);
    }

    @Test
    void tagsCarryTheirEvidenceAndARemovedTagComesBackOnlyWithNewEvidence() {
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofDays(3));
            customerWrites("neutral", false, List.of("lead-time", "certification"));
        }
        CustomerHealth tagged = health.of(buyer.id()).orElseThrow();
        assertThat(tagged.tagKeys()).containsExactlyInAnyOrder("delivery-sensitive", "certification-focused");
        assertThat(tagged.tags().get(0).evidence()).hasSize(3).allMatch(m -> m.startsWith("m"));
        assertThat(health.customersTagged("delivery-sensitive")).containsExactly(buyer.id());

        assertThat(health.removeTag(buyer.id(), "delivery-sensitive")).isTrue();
        clock.advance(Duration.ofDays(1));
        customerWrites("neutral", false, List.of("certification"));
        assertThat(health.of(buyer.id()).orElseThrow().tagKeys()).containsExactly("certification-focused");
        assertThat(health.customersTagged("delivery-sensitive")).isEmpty();

        clock.advance(Duration.ofDays(1));
        customerWrites("neutral", false, List.of("lead-time"));
        assertThat(health.of(buyer.id()).orElseThrow().tagKeys()).contains("delivery-sensitive");
    }

    @Test
    void theNightlyRunReadsOrdersAndPaymentsAndKeepsTheDaysTrend() {
        weeksOfFriendlyMail(4);
        for (int i = 0; i < 3; i++) {
            Order order = store.orders().insert(new Order(Ids.newId(), buyer.id(), "PO-" + i, new BigDecimal("1000"), "USD",
                    clock.instant().minus(Duration.ofDays(200 - 30L * i)), rep.id(), clock.instant()));
            store.orders().insert(new Payment(Ids.newId(), buyer.id(), order.id(), new BigDecimal("1000"), "USD",
                    order.orderedAt().plus(Duration.ofDays(90)), clock.instant()));
        }
        HealthScan scan = new HealthScan(store, healthStore, actions, (k, l, a) -> k, clock, ZoneOffset.UTC);
        assertThat(scan.run().customers()).isEqualTo(1);
        CustomerHealth after = health.of(buyer.id()).orElseThrow();
        assertThat(part(after, "payments").score()).isZero();
        assertThat(part(after, "orders").applies()).isTrue();
        assertThat(after.tagKeys()).contains("slow-payer");
        assertThat(after.tags().stream().filter(t -> t.key().equals("slow-payer")).findFirst().orElseThrow().evidence())
                .hasSize(3).allMatch(e -> e.startsWith("order:"));
        assertThat(health.trend(buyer.id())).last().satisfies(d -> {
            assertThat(d.day()).isEqualTo(clock.instant().atZone(ZoneOffset.UTC).toLocalDate().toString());
            assertThat(d.score()).isEqualTo(after.score());
        });

        customerWrites("positive", false, List.of());
        assertThat(part(health.of(buyer.id()).orElseThrow(), "payments").score()).as("kept from the nightly run").isZero();
        assertThat(health.of(buyer.id()).orElseThrow().tagKeys()).contains("slow-payer");
    }

    @Test
    void aTeamsWeightsChangeTheScoreAndBadWeightsAreRefused() {
        weeksOfFriendlyMail(4);
        customerWrites("negative", true, List.of());
        int before = health.of(buyer.id()).orElseThrow().score();
        Map<String, Integer> toneOnly = new java.util.HashMap<>();
        Component.keys().forEach(k -> toneOnly.put(k, 0));
        toneOnly.put("tone", 100);
        health.savePolicy(new HealthPolicy(HealthPolicy.DEFAULT_ID, toneOnly, 60, 10, 60));
        int after = events.recompute(buyer.id()).orElseThrow().score();
        assertThat(after).isEqualTo(part(health.of(buyer.id()).orElseThrow(), "tone").score()).isNotEqualTo(before);
        assertThatThrownBy(() -> new HealthPolicy("t", Map.of("tone", 101), null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HealthPolicy("t", Map.of("mood", 10), null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRoundWritesEachCustomersSignalsOnceAndRecomputesItOnceAtItsEndToWhatEventByEventGives() {
        weeksOfFriendlyMail(4);
        CustomerHealth before = health.of(buyer.id()).orElseThrow();
        Signals signalsBefore = healthStore.signals(buyer.id());
        HealthEvents.Round round = events.round();
        for (int i = 0; i < 3; i++) {
            String id = "round" + i;
            round.on(new CustomerReplied(id, buyer.id(), List.of(), null, rep.id(), clock.instant()));
            round.on(new CustomerMailRead(id, buyer.id(), List.of(), rep.id(), clock.instant(), null, "negative", true,
                    List.of("price")));
        }
        assertThat(healthStore.health(buyer.id()).orElseThrow().sameAs(before)).as("not recomputed before the round ends").isTrue();
        assertThat(healthStore.signals(buyer.id())).as("not written before the round ends").isEqualTo(signalsBefore);

        round.end();
        Signals written = healthStore.signals(buyer.id());
        assertThat(written.version()).as("six events, one save").isEqualTo(signalsBefore.version() + 1);
        assertThat(written.mail()).filteredOn(m -> m.m().startsWith("round")).hasSize(3)
                .allSatisfy(m -> assertThat(m.dissatisfied()).isTrue());
        CustomerHealth after = healthStore.health(buyer.id()).orElseThrow();
        assertThat(after.score()).as("three dissatisfied mails lower the score").isLessThan(before.score());
        assertThat(events.recompute(buyer.id()).orElseThrow().sameAs(after))
                .as("the round's one recompute read every signal the round recorded").isTrue();
        round.end();
        assertThat(healthStore.health(buyer.id()).orElseThrow().sameAs(after)).as("an empty round changes nothing").isTrue();
    }

    @Test
    void aRoundWhoseSignalsCannotBeWrittenThrowsAfterWritingTheOthersAndItsEventsHandedAgainCountOnce() {
        Company other = store.companies().insert(Company.create(Ids.newId(), "Nordlicht", List.of("nordlicht.example"),
                rep.id(), START));
        boolean[] down = {true};
        HealthStore failing = new HealthStore(mongo.template()) {
            @Override
            Signals change(String companyId, java.util.function.UnaryOperator<Signals> change) {
                if (down[0] && companyId.equals(buyer.id())) {
                    throw new org.springframework.dao.DataAccessResourceFailureException("store unreachable");
                }
                return super.change(companyId, change);
            }
        };
        HealthEvents withFailures = new HealthEvents(store, failing, actions, (k, l, a) -> k, clock, ZoneOffset.UTC);
        List<Object> roundsEvents = List.of(
                new CustomerReplied("<a@x>", buyer.id(), List.of(), null, rep.id(), clock.instant()),
                new CustomerReplied("<b@x>", other.id(), List.of(), null, rep.id(), clock.instant()),
                new MessageLinked("<c@x>", buyer.id(), List.of(), Direction.OUTBOUND, rep.id(), clock.instant()));
        HealthEvents.Round round = withFailures.round();
        roundsEvents.forEach(round::on);
        assertThatThrownBy(round::end).hasMessageContaining("store unreachable");
        assertThat(healthStore.signals(other.id()).mail()).as("the other customer is written").extracting(Signals.Mail::m)
                .containsExactly("<b@x>");
        assertThat(healthStore.health(other.id())).as("and recomputed").isPresent();
        assertThat(healthStore.signals(buyer.id()).mail()).isEmpty();

        down[0] = false;
        roundsEvents.forEach(round::on);
        round.end();
        assertThat(healthStore.signals(buyer.id()).mail()).extracting(Signals.Mail::m).containsExactly("<a@x>", "<c@x>");
        assertThat(healthStore.signals(other.id()).mail()).as("handed again, still once").extracting(Signals.Mail::m)
                .containsExactly("<b@x>");
    }

    /** The team writes, the customer answers within a day, once a week; a redelivered event changes nothing. */
    private void weeksOfFriendlyMail(int weeks) {
        for (int w = 0; w < weeks; w++) {
            teamWrites();
            clock.advance(Duration.ofHours(20));
            customerWrites("positive", false, List.of());
            events.on(new CustomerReplied("m" + n, buyer.id(), List.of(), null, rep.id(), clock.instant()));
            clock.advance(Duration.ofHours(4));
            teamWrites();
            clock.advance(Duration.ofDays(6));
        }
    }

    private void teamWrites() {
        events.on(new MessageLinked("t" + (++n), buyer.id(), List.of(), Direction.OUTBOUND, rep.id(), clock.instant()));
    }

    private void customerWrites(String tone, boolean dissatisfied, List<String> topics) {
        String id = "m" + (++n);
        events.on(new CustomerReplied(id, buyer.id(), List.of(), null, rep.id(), clock.instant()));
        events.on(new CustomerMailRead(id, buyer.id(), List.of(), rep.id(), clock.instant(), null, tone, dissatisfied,
                topics));
    }

    private List<Task> tasks(String rule) {
        return store.tasks().ofCompany(buyer.id(), EnumSet.allOf(TaskStatus.class)).stream()
                .filter(t -> rule.equals(t.originRule())).toList();
    }

    private static CustomerHealth.Part part(CustomerHealth h, String key) {
        return h.parts().stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow();
    }
}
