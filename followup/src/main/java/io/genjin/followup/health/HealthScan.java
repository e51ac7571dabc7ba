package io.genjin.followup.health;

import io.genjin.followup.People;
import io.genjin.followup.Texts;
import io.genjin.followup.rules.TaskActions;
import io.genjin.store.CrmStore;
import io.genjin.store.order.Order;
import io.genjin.store.order.Payment;
import io.genjin.store.task.TaskStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Date;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes every customer's health and tags (nightly, or on demand). The records keyed by customer
 * (orders, payments, open tasks due, the customers themselves) are read once each as raw documents
 * with only the fields the score reads: the embedded store builds no index on {@code companyId}, so
 * a query per batch would read each collection again. Signals and last health are keyed by the
 * customer's id, so a batch of customers reads them by id ({@code $in}, point reads). Batches run on
 * two threads; each writes the healths that changed in one unordered bulk write, then the day's
 * trend points go in one write per bucket. docs/followup.md says what the nightly run must refresh.
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
    public record Report(int customers, int dropped, int warned, int written, long readMs, long computeMs, long writeMs) {
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

    /** Customers per batch: one point read of their signals and one of their health, one bulk write. */
    static final int BATCH = 1_000;

    public Report run() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        People people = People.of(store);
        Map<String, HealthPolicy> policies = health.policies();
        // The records keyed by customer (no index on companyId is built by the embedded store, so one
        // pass each), read at once on two threads while the customers are listed.
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            Future<Map<String, List<Order>>> orders = pool.submit(() -> byCustomer("orders", new Document(),
                    RawReads.ORDER_FIELDS, RawReads::order, Order::companyId));
            Future<Map<String, List<Payment>>> payments = pool.submit(() -> byCustomer("payments", new Document(),
                    RawReads.PAYMENT_FIELDS, RawReads::payment, Payment::companyId));
            Map<String, Integer> overdue = new HashMap<>();
            health.each("tasks", new Document("status", TaskStatus.OPEN.name()).append("dueAt", new Document("$lt", Date.from(ceilMillis(now)))),
                    new String[] {"companyId"}, d -> overdue.merge(d.getString("companyId"), 1, Integer::sum));
            List<String[]> companies = new ArrayList<>();
            health.each("companies", new Document(), new String[] {"ownerId", "mergedInto"}, d -> {
                if (d.get("mergedInto") == null) {
                    companies.add(new String[] {RawReads.id(d), d.getString("ownerId")});
                }
            });
            Inputs inputs = new Inputs(people, policies, orders.get(), payments.get(), overdue, now);
            long read = System.nanoTime();
            List<Future<Batch>> batches = new ArrayList<>();
            for (int from = 0; from < companies.size(); from += BATCH) {
                List<String[]> slice = companies.subList(from, Math.min(companies.size(), from + BATCH));
                batches.add(pool.submit(() -> batch(slice, inputs)));
            }
            List<Batch> done = new ArrayList<>();
            for (Future<Batch> b : batches) {
                done.add(b.get());
            }
            long compute = System.nanoTime();
            Map<String, Integer> scores = new HashMap<>();
            List<Assess.Outcome> raise = new ArrayList<>();
            int written = 0;
            for (Batch b : done) {
                scores.putAll(b.scores());
                raise.addAll(b.raise());
                written += b.written();
            }
            LocalDate today = now.atZone(zone).toLocalDate();
            health.days(scores, today);
            health.forgetDaysBefore(today.minusDays(90));
            // Alerts after the scores are stored: a task names the score the customer page shows.
            for (Assess.Outcome o : raise) {
                store.companies().find(o.health().id()).ifPresent(c ->
                        alerts.on(o, c, policyOf(policies, teamOf(people, c.ownerId())), people, now));
            }
            long end = System.nanoTime();
            Report report = new Report(companies.size(), (int) raise.stream().filter(Assess.Outcome::dropped).count(),
                    (int) raise.stream().filter(Assess.Outcome::warned).count(), written, ms(started, read),
                    ms(read, compute), ms(compute, end));
            log.info("health recompute: {}", report);
            return report;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("health recompute interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());

        } finally {
            pool.shutdown();
        }
    }

    /** Two threads: the store answers one batch's reads while the other batch is scored (two cores measured). */
    static final int THREADS = 2;

    private record Inputs(People people, Map<String, HealthPolicy> policies, Map<String, List<Order>> orders,
            Map<String, List<Payment>> payments, Map<String, Integer> overdue, Instant now) {
    }

    private record Batch(Map<String, Integer> scores, List<Assess.Outcome> raise, int written) {
    }

    /** One batch of customers: read, scored, and what changed written in one bulk write. */
    private Batch batch(List<String[]> companies, Inputs in) {
        List<String> ids = new ArrayList<>(companies.size());
        companies.forEach(c -> ids.add(c[0]));
        HealthStore.Batch read = health.batch(ids);
        Map<String, Integer> scores = new HashMap<>();
        List<Assess.Outcome> raise = new ArrayList<>();
        List<CustomerHealth> changed = new ArrayList<>();
        for (String[] c : companies) {
            String id = c[0];
            HealthPolicy policy = policyOf(in.policies(), teamOf(in.people(), c[1]));
            Money money = Money.of(in.orders().get(id), in.payments().get(id), policy.paymentDays(), in.now());
            var records = Score.fromRecords(money, in.overdue().getOrDefault(id, 0), in.now());
            Signals s = read.signals().getOrDefault(id, Signals.none(id));
            CustomerHealth before = read.before().get(id);
            Assess.Outcome outcome = Assess.of(id, c[1], s, records, money, before, policy, in.now());
            scores.put(id, outcome.health().score());
            // Only what changed is written: computedAt is when the health last changed.
            if (!outcome.health().sameAs(before)) {
                changed.add(outcome.health());
            }
            if (outcome.dropped() || outcome.warned()) {
                raise.add(outcome);
            }
        }
        health.saveAll(changed);
        return new Batch(scores, raise, changed.size());
    }

    private <T> Map<String, List<T>> byCustomer(String collection, Document filter, String[] fields,
            java.util.function.Function<Document, T> read, java.util.function.Function<T, String> customer) {
        Map<String, List<T>> all = new HashMap<>();
        health.each(collection, filter, fields, d -> {
            T t = read.apply(d);
            all.computeIfAbsent(customer.apply(t), k -> new ArrayList<>()).add(t);
        });
        return all;
    }

    /** Dates are stored to the millisecond: due before {@code now} is due before its next millisecond. */
    private static Instant ceilMillis(Instant now) {
        Instant floor = now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return floor.equals(now) ? now : floor.plusMillis(1);
    }

    private static String teamOf(People people, String ownerId) {
        return ownerId == null ? null : people.user(ownerId).map(u -> u.teamId()).orElse(null);
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
