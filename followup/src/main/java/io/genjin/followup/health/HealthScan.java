package io.genjin.followup.health;

import io.genjin.followup.People;
import io.genjin.followup.Texts;
import io.genjin.followup.rules.TaskActions;
import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.order.Order;
import io.genjin.store.order.Payment;
import io.genjin.store.task.Task;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes every customer's health and tags (nightly, or on demand): one pass over each collection
 * it reads — customers, signals, last health, orders, payments, open tasks — keyed by customer in
 * memory, then the scores in one bulk write and the day's trend points in one write per bucket. No
 * per-customer query: on the embedded store each would read a whole collection.
 */
public class HealthScan {
    private static final Logger log = LoggerFactory.getLogger(HealthScan.class);
    private final CrmStore store;
    private final HealthStore health;
    private final HealthAlerts alerts;
    private final Clock clock;
    private final ZoneId zone;

    public HealthScan(CrmStore store, HealthStore health, TaskActions actions, Texts texts, Clock clock, ZoneId zone) {
        this.store = store;
        this.health = health;
        this.alerts = new HealthAlerts(actions, texts);
        this.clock = clock;
        this.zone = zone;
    }

    /** What one run did and how long its parts took. */
    public record Report(int customers, int dropped, int warned, long readMs, long computeMs, long writeMs) {
    }

    /** Runs when the team's day has reached {@code hour} and today's run has not happened yet. */
    public java.util.Optional<Report> runIfDue(int hour) {
        java.time.ZonedDateTime local = clock.instant().atZone(zone);
        LocalDate today = local.toLocalDate();
        if (local.getHour() < hour || health.lastRun().filter(d -> !d.isBefore(today)).isPresent()) {
            return java.util.Optional.empty();
        }
        Report report = run();
        health.ran(today);
        return java.util.Optional.of(report);
    }

    public Report run() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        People people = People.of(store);
        Map<String, HealthPolicy> policies = health.policies();
        Map<String, Signals> signals = new HashMap<>();
        try (Stream<Signals> all = health.allSignals()) {
            all.forEach(s -> signals.put(s.id(), s));
        }
        Map<String, CustomerHealth> before = new HashMap<>();
        try (Stream<CustomerHealth> all = health.allHealth()) {
            all.forEach(h -> before.put(h.id(), h));
        }
        Map<String, List<Order>> orders = new HashMap<>();
        try (Stream<Order> all = store.orders().streamAll()) {
            all.forEach(o -> orders.computeIfAbsent(o.companyId(), k -> new ArrayList<>()).add(o));
        }
        Map<String, List<Payment>> payments = new HashMap<>();
        try (Stream<Payment> all = store.orders().streamPayments()) {
            all.forEach(p -> payments.computeIfAbsent(p.companyId(), k -> new ArrayList<>()).add(p));
        }
        Map<String, Integer> overdue = new HashMap<>();
        try (Stream<Task> open = store.tasks().streamOpen("companyId", "dueAt")) {
            open.filter(t -> t.overdue(now)).forEach(t -> overdue.merge(t.companyId(), 1, Integer::sum));
        }
        long read = System.nanoTime();
        List<CustomerHealth> computed = new ArrayList<>();
        Map<String, Integer> scores = new HashMap<>();
        List<Alert> raise = new ArrayList<>();
        try (Stream<Company> companies = store.companies().streamLive("name", "normalizedName", "grade", "stage",
                "ownerId", "dormant", "archivedAt", "createdAt")) {
            companies.forEach(c -> {
                String teamId = c.ownerId() == null ? null : people.user(c.ownerId()).map(u -> u.teamId()).orElse(null);
                HealthPolicy policy = policyOf(policies, teamId);
                Money money = Money.of(orders.get(c.id()), payments.get(c.id()), policy.paymentDays(), now);
                var records = Score.fromRecords(money, overdue.getOrDefault(c.id(), 0), now);
                Signals s = signals.getOrDefault(c.id(), Signals.none(c.id()));
                Assess.Outcome outcome = Assess.of(c.id(), c.ownerId(), s, records, money, before.get(c.id()), policy, now);
                computed.add(outcome.health());
                scores.put(c.id(), outcome.health().score());
                if (outcome.dropped() || outcome.warned()) {
                    raise.add(new Alert(outcome, c, policy));
                }
            });
        }
        long compute = System.nanoTime();
        health.saveAll(computed);
        LocalDate today = now.atZone(zone).toLocalDate();
        health.days(scores, today);
        health.forgetDaysBefore(today.minusDays(90));
        // Alerts after the scores are stored: a task names the score the customer page shows.
        raise.forEach(a -> alerts.on(a.outcome(), a.company(), a.policy(), people, now));
        long done = System.nanoTime();
        Report report = new Report(computed.size(), (int) raise.stream().filter(a -> a.outcome().dropped()).count(),
                (int) raise.stream().filter(a -> a.outcome().warned()).count(), ms(started, read), ms(read, compute),
                ms(compute, done));
        log.info("health recompute: {}", report);
        return report;
    }

    private record Alert(Assess.Outcome outcome, Company company, HealthPolicy policy) {
    }

    private static HealthPolicy policyOf(Map<String, HealthPolicy> policies, String teamId) {
        HealthPolicy own = teamId == null ? null : policies.get(teamId);
        if (own != null) {
            return own;
        }
        return policies.getOrDefault(HealthPolicy.DEFAULT_ID, HealthPolicy.defaults(HealthPolicy.DEFAULT_ID));
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
