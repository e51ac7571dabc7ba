package io.genjin.followup.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.followup.health.Signals.Mail;
import io.genjin.store.order.Order;
import io.genjin.store.order.Payment;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A health's next change is the first instant its stored form would differ, not earlier and not later. */
class NextChangeTest {
    private static final Instant NOW = Instant.parse("2026-05-01T02:00:00Z");
    private final HealthPolicy policy = HealthPolicy.defaults(HealthPolicy.DEFAULT_ID);

    @Test
    void anUnansweredMailStepsDownFromHalfADayInFiveEqualSteps() {
        Instant asked = NOW.minus(Duration.ofHours(1));
        Signals s = new Signals("c1", List.of(new Mail("out", asked.minus(Duration.ofDays(2)), false, null, false, List.of()),
                new Mail("in", asked, true, null, false, List.of())), List.of(), List.of(), List.of(), null);
        CustomerHealth h = health(s, List.of(), List.of(), NOW);
        assertThat(part(h, "unanswered").score()).isEqualTo(100);
        assertThat(part(h, "unanswered").args()).containsExactly("1", "since:" + asked);
        // Half a day, then a fifth of the remaining 6.5 days (31.2 hours): the first step, to 80.
        assertThat(h.nextChangeAt()).isEqualTo(asked.plus(Duration.ofHours(12)).plus(Duration.ofMinutes(31 * 60 + 12)));
        assertThat(part(health(s, List.of(), List.of(), h.nextChangeAt()), "unanswered").score()).isEqualTo(80);
        assertThat(part(health(s, List.of(), List.of(), h.nextChangeAt().minusMillis(1)), "unanswered").score()).isEqualTo(100);
    }

    @Test
    void theReasonNamesTheDateAndThePageCountsTheDays() {
        CustomerHealth.Part p = new CustomerHealth.Part("mail-recency", 60, 15, true, "recency",
                List.of("since:2026-04-01T10:00:00Z", "7"));
        assertThat(p.argsAt(Instant.parse("2026-04-24T09:00:00Z"))).containsExactly("22", "7");
        assertThat(p.argsAt(Instant.parse("2026-04-24T11:00:00Z"))).containsExactly("23", "7");
    }

    @Test
    void overRandomCustomersTheHealthHoldsUntilItsNextChangeAndDiffersThere() {
        Random random = new Random(3);
        int checked = 0;
        for (int c = 0; c < 300; c++) {
            List<Mail> mail = new ArrayList<>();
            Instant at = NOW.minus(Duration.ofDays(random.nextInt(300)));
            for (int k = 0; k < 3 + random.nextInt(30); k++) {
                boolean in = random.nextInt(3) > 0;
                mail.add(new Mail("m" + k, at, in, in && random.nextBoolean() ? List.of("positive", "neutral", "negative")
                        .get(random.nextInt(3)) : null, in && random.nextInt(10) == 0,
                        in && random.nextInt(3) == 0 ? List.of("lead-time") : List.of()));
                at = at.plus(Duration.ofHours(1 + random.nextInt(24 * 9)));
                if (at.isAfter(NOW)) {
                    break;
                }
            }
            List<Order> orders = new ArrayList<>();
            List<Payment> payments = new ArrayList<>();
            for (int o = 0; o < random.nextInt(3); o++) {
                Order order = new Order("o" + c + o, "c" + c, "PO" + o, new BigDecimal("100"), "USD",
                        NOW.minus(Duration.ofDays(random.nextInt(400))), null, NOW);
                orders.add(order);
                if (random.nextBoolean()) {
                    payments.add(new Payment("p" + c + o, "c" + c, order.id(), new BigDecimal("100"), "USD",
                            order.orderedAt().plus(Duration.ofDays(random.nextInt(90))), NOW));
                }
            }
            Signals s = new Signals("c" + c, mail, List.of(), List.of(), List.of(), null);
            CustomerHealth h = health(s, orders, payments, NOW);
            if (h.nextChangeAt() == null) {
                continue;
            }
            // Computed again just before its next change, the health is the same; at it, it is not.
            CustomerHealth before = recomputed(s, orders, payments, h, h.nextChangeAt().minusMillis(1));
            CustomerHealth at1 = recomputed(s, orders, payments, h, h.nextChangeAt());
            assertThat(before.sameAs(h)).as("customer %d before %s", c, h.nextChangeAt()).isTrue();
            assertThat(at1.sameAs(h)).as("customer %d at %s", c, h.nextChangeAt()).isFalse();
            checked++;
        }
        assertThat(checked).isGreaterThan(200);
    }

    private CustomerHealth health(Signals s, List<Order> orders, List<Payment> payments, Instant now) {
        Money money = Money.of(orders, payments, policy.paymentDays(), now);
        return Assess.of(s.id(), null, s, Score.fromRecords(money, 0, now), money, orders, payments, null, policy, now).health();
    }

    /** As the nightly run recomputes a customer whose health was {@code last}. */
    private CustomerHealth recomputed(Signals s, List<Order> orders, List<Payment> payments, CustomerHealth last, Instant now) {
        Money money = Money.of(orders, payments, policy.paymentDays(), now);
        CustomerHealth h = Assess.of(s.id(), null, s, Score.fromRecords(money, 0, now), money, orders, payments, last, policy, now)
                .health();
        return h;
    }

    private static CustomerHealth.Part part(CustomerHealth h, String key) {
        Map<String, CustomerHealth.Part> byKey = new java.util.HashMap<>();
        h.parts().forEach(p -> byKey.put(p.key(), p));
        return byKey.get(key);
    }
}
