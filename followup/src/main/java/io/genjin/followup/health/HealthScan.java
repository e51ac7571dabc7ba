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
import java.util.HashSet;
import java.util.Set;
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
 * Recomputes the customers' health and tags (nightly, or on demand). Most nights it reads only the
 * customers whose health may have changed — their signals touched, their records marked by the store's
 * writes ({@link io.genjin.store.RecordChanges}), their next change reached — and their records by id;
 * at least weekly, and when a policy or a team changes, it reads every order, payment, open task and
 * customer once as raw documents with only the fields the score reads and compares each customer's
 * records with the fingerprint the last run stored. Signals and last health are keyed by the
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
    public record Report(int customers, int recomputed, int dropped, int warned, int written, long readMs, long computeMs,
            long writeMs, List<String> differing) {
        public Report {
            differing = differing == null ? List.of() : List.copyOf(differing);
        }
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

    /**
     * The nightly run: recomputes the customers whose health may have changed since the last run, and
     * carries the others forward (docs/followup.md, "When it is computed"). The first run, with no state
     * from an earlier one, recomputes every customer.
     */
    public Report run() {
        return run(false, true);
    }

    /** Recomputes every customer, as the first run does. */
    public Report runFull() {
        return run(true, true);
    }

    /**
     * What a full recompute would change now, written nowhere: the customers whose stored health differs
     * from a full recompute's, or whose recompute would raise an alert, and those whose trend point of
     * today is not their score. Empty after a run when the incremental run missed nothing.
     */
    List<String> differences() {
        Report report = run(true, false);
        return report.differing();
    }

    /**
     * At least this often a run compares every customer's records with its fingerprint rather than trusting
     * the change marks alone: a mark lost (a process stopped between a write and its mark) delays that
     * customer's recompute by at most this many days.
     */
    static final int COMPARE_EVERY_DAYS = 7;

    private Report run(boolean full, boolean write) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        People people = People.of(store);
        Map<String, HealthPolicy> policies = health.policies();
        long policyKey = policyKey(policies);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        // Cleared before the records and signals are read: a mark set from here on survives to the next run.
        Set<String> touched = write ? health.touched() : Set.of();
        Set<String> marked = write ? store.changes().marked() : Set.of();
        if (!touched.isEmpty()) {
            health.untouch(touched);
        }
        if (!marked.isEmpty()) {
            store.changes().clear(marked);
        }
        boolean done = false;
        try {
            Map<String, HealthStore.State> state = health.state();
            java.util.Optional<HealthStore.Checked> checked = health.checked();
            boolean incremental = !full && !state.isEmpty();
            // Every customer's records are compared with their fingerprint on the first run, on a full one, when a
            // policy or a person's team changed, and every COMPARE_EVERY_DAYS days; otherwise the marks say whose
            // records changed, and only those customers' records are read.
            boolean compareAll = !incremental || checked.isEmpty() || checked.get().key() != policyKey
                    || !checked.get().day().plusDays(COMPARE_EVERY_DAYS).isAfter(today);
            long nowMs = now.toEpochMilli();
            Map<String, HealthStore.State> next = new HashMap<>();
            Records records;
            List<String[]> companies;
            if (compareAll) {
                records = records(pool, new Document(), new Document(), new Document("status", TaskStatus.OPEN.name()), now, null);
                companies = live(new Document());
            } else {
                // Whose health may have changed: signals touched, records marked, next change reached.
                Set<String> ids = new HashSet<>(touched);
                ids.addAll(marked);
                state.forEach((id, st) -> {
                    if (st.next() <= nowMs) {
                        ids.add(id);
                    }
                });
                // By id, in slices: the embedded server checks each document it finds against the whole $in list.
                records = new Records(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
                companies = new ArrayList<>();
                List<String> all = new ArrayList<>(ids);
                for (int from = 0; from < all.size(); from += IN_SLICE) {
                    Set<String> slice = new HashSet<>(all.subList(from, Math.min(all.size(), from + IN_SLICE)));
                    records.add(records(pool, store.orders().orderFilter(slice), store.orders().paymentFilter(slice),
                            store.tasks().companyFilter(slice), now, slice));
                    companies.addAll(live(new Document("_id", new Document("$in", keys(slice)))));
                }
                state.forEach((id, st) -> {
                    if (!ids.contains(id)) {
                        next.put(id, st);
                    }
                });
            }
            Inputs inputs = new Inputs(people, policies, records.orders(), records.payments(), records.overdue(), now);
            // Which customers to recompute: every one read on a run that does not compare; otherwise (a full run
            // aside) those whose records (orders, payments, overdue tasks, owner, policy) differ from the last
            // run's, whose signals changed, whose health reaches its next change by now, and the new ones.
            Map<String, Long> fingerprints = new HashMap<>();
            List<String[]> due = new ArrayList<>();
            for (String[] c : companies) {
                long fp = fingerprint(c[1], policyOf(policies, teamOf(people, c[1])), inputs.orders().get(c[0]),
                        inputs.payments().get(c[0]), records.overdue().getOrDefault(c[0], 0));
                fingerprints.put(c[0], fp);
                HealthStore.State last = state.get(c[0]);
                if (!compareAll || !incremental || last == null || last.inputs() != fp || last.next() <= nowMs
                        || touched.contains(c[0])) {
                    due.add(c);
                } else {
                    // A task created since, not yet due, changes no fingerprint: its due instant still counts.
                    long taskDue = records.taskDue().getOrDefault(c[0], Long.MAX_VALUE);
                    next.put(c[0], taskDue < last.next() ? new HealthStore.State(last.score(), taskDue, last.inputs()) : last);
                }
            }
            long read = System.nanoTime();
            List<Future<Batch>> batches = new ArrayList<>();
            for (int from = 0; from < due.size(); from += BATCH) {
                List<String[]> slice = due.subList(from, Math.min(due.size(), from + BATCH));
                batches.add(pool.submit(() -> batch(slice, inputs, write)));
            }
            List<Batch> computed = new ArrayList<>();
            for (Future<Batch> b : batches) {
                computed.add(b.get());
            }
            long compute = System.nanoTime();
            List<Assess.Outcome> raise = new ArrayList<>();
            List<String> differing = new ArrayList<>();
            int written = 0;
            for (Batch b : computed) {
                // The state's next change is also when an open task falls due (the overdue count changes).
                b.outcomes().forEach((id, o) -> next.put(id, new HealthStore.State(o.health().score(),
                        Math.min(o.health().nextChangeAt() == null ? Long.MAX_VALUE : o.health().nextChangeAt().toEpochMilli(),
                                records.taskDue().getOrDefault(id, Long.MAX_VALUE)),
                        fingerprints.get(id))));
                raise.addAll(b.raise());
                differing.addAll(b.differing());
                written += b.written();
            }
            Map<String, Integer> scores = new HashMap<>();
            next.forEach((id, st) -> scores.put(id, st.score()));
            if (write) {
                health.saveState(next);
                health.days(scores, today);
                health.forgetDaysBefore(today.minusDays(90));
                if (compareAll) {
                    health.checked(new HealthStore.Checked(today, policyKey));
                }
                // Alerts after the scores are stored: a task names the score the customer page shows.
                for (Assess.Outcome o : raise) {
                    store.companies().find(o.health().id()).ifPresent(c ->
                            alerts.on(o, c, policyOf(policies, teamOf(people, c.ownerId())), people, now));
                }
            } else {
                Map<String, Integer> stored = health.day(today);
                scores.forEach((id, score) -> {
                    if (!score.equals(stored.get(id))) {
                        differing.add(id + " (trend)");
                    }
                });
            }
            long end = System.nanoTime();
            Report report = new Report(next.size(), due.size(), (int) raise.stream().filter(Assess.Outcome::dropped).count(),
                    (int) raise.stream().filter(Assess.Outcome::warned).count(), written, ms(started, read),
                    ms(read, compute), ms(compute, end), write ? List.of() : differing);
            if (write) {
                log.info("health recompute ({}): {}", compareAll ? "every customer's records compared" : "marked and due", report);
            }
            done = true;
            return report;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("health recompute interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());

        } finally {
            pool.shutdown();
            if (!done) {
                // The marks cleared at the start go back, so that the next run still recomputes those customers.
                touched.forEach(health::touch);
                store.changes().mark(marked);
            }
        }
    }

    /**
     * The records keyed by customer, as raw documents with only the fields the score reads, those of {@code among}
     * (null: every customer's). Orders and payments are read on the pool while the tasks are read here.
     */
    private Records records(ExecutorService pool, Document orderFilter, Document paymentFilter, Document taskFilter,
            Instant now, Set<String> among) throws InterruptedException, ExecutionException {
        Future<Map<String, List<Order>>> orders = pool.submit(() -> byCustomer("orders", orderFilter,
                RawReads.ORDER_FIELDS, RawReads::order, Order::companyId, among));
        Future<Map<String, List<Payment>>> payments = pool.submit(() -> byCustomer("payments", paymentFilter,
                RawReads.PAYMENT_FIELDS, RawReads::payment, Payment::companyId, among));
        Map<String, Integer> overdue = new HashMap<>();
        Map<String, Long> taskDue = new HashMap<>();
        long overdueBefore = ceilMillis(now).toEpochMilli();
        health.each("tasks", taskFilter, new String[] {"companyId", "status", "dueAt"}, d -> {
            String id = d.getString("companyId");
            if (id == null || (among != null && !among.contains(id)) || !TaskStatus.OPEN.name().equals(d.getString("status"))
                    || !(d.get("dueAt") instanceof Date dueAt)) {
                return;
            }
            if (dueAt.getTime() < overdueBefore) {
                overdue.merge(id, 1, Integer::sum);
            } else {
                taskDue.merge(id, dueAt.getTime(), Math::min);
            }
        });
        return new Records(orders.get(), payments.get(), overdue, taskDue);
    }

    /**
     * The orders and payments per customer, its number of open tasks overdue, and when its next open task falls
     * due (epoch ms).
     */
    private record Records(Map<String, List<Order>> orders, Map<String, List<Payment>> payments, Map<String, Integer> overdue,
            Map<String, Long> taskDue) {
        /** Adds another slice of customers' records (disjoint customers). */
        void add(Records other) {
            orders.putAll(other.orders());
            payments.putAll(other.payments());
            overdue.putAll(other.overdue());
            taskDue.putAll(other.taskDue());
        }
    }

    /** Ids per {@code $in} read by id: the embedded server compares each document found with the whole list. */
    static final int IN_SLICE = 250;

    /** The live customers (not merged into another) matching {@code filter}: id and owner. */
    private List<String[]> live(Document filter) {
        List<String[]> companies = new ArrayList<>();
        health.each("companies", filter, new String[] {"ownerId", "mergedInto"}, d -> {
            if (d.get("mergedInto") == null) {
                companies.add(new String[] {RawReads.id(d), d.getString("ownerId")});
            }
        });
        return companies;
    }

    /** Ids as the mapping stores them: an ObjectId where the text is one. */
    private static List<Object> keys(Set<String> ids) {
        List<Object> keys = new ArrayList<>(ids.size());
        ids.forEach(id -> keys.add(io.genjin.store.Ids.stored(id)));
        return keys;
    }

    /** What the runs' policies depend on besides the customer: every policy and every person's team. */
    private long policyKey(Map<String, HealthPolicy> policies) {
        StringBuilder b = new StringBuilder();
        new java.util.TreeMap<>(policies).forEach((id, p) -> {
            b.append(id).append(':');
            for (Component c : Component.values()) {
                b.append(p.weight(c)).append(',');
            }
            b.append(p.threshold()).append(',').append(p.hysteresis()).append(',').append(p.paymentDays()).append(';');
        });
        store.users().all().stream().sorted(java.util.Comparator.comparing(io.genjin.store.user.User::id))
                .forEach(u -> b.append(u.id()).append('=').append(u.teamId()).append(';'));
        return hash(b);
    }

    private static long hash(CharSequence b) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < b.length(); i++) {
            h ^= b.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /**
     * A fingerprint of what the record components and the policy read for a customer: a change to an order,
     * a payment, the number of overdue tasks (one created, done or falling due), the owner or the team's
     * policy changes it (64 bits of a hash over the values; a collision would delay that customer to its next change).
     */
    static long fingerprint(String ownerId, HealthPolicy policy, List<Order> orders, List<Payment> payments, int overdue) {
        StringBuilder b = new StringBuilder(128);
        b.append(ownerId).append('|').append(overdue);
        for (Component c : Component.values()) {
            b.append(',').append(policy.weight(c));
        }
        b.append('|').append(policy.threshold()).append(',').append(policy.hysteresis()).append(',').append(policy.paymentDays());
        if (orders != null) {
            orders.stream().sorted(java.util.Comparator.comparing(Order::id)).forEach(o -> b.append("|o").append(o.id())
                    .append(',').append(o.amount()).append(',').append(o.orderedAt()).append(',').append(o.status()));
        }
        if (payments != null) {
            payments.stream().sorted(java.util.Comparator.comparing(Payment::id)).forEach(p -> b.append("|p").append(p.id())
                    .append(',').append(p.orderId()).append(',').append(p.amount()).append(',').append(p.paidAt()));
        }
        return hash(b);
    }

    /** Two threads: the store answers one batch's reads while the other batch is scored (two cores measured). */
    static final int THREADS = 2;

    private record Inputs(People people, Map<String, HealthPolicy> policies, Map<String, List<Order>> orders,
            Map<String, List<Payment>> payments, Map<String, Integer> overdue, Instant now) {
    }

    private record Batch(Map<String, Assess.Outcome> outcomes, List<Assess.Outcome> raise, int written, List<String> differing) {
    }

    /** One batch of customers: read, scored, and what changed written in one bulk write. */
    private Batch batch(List<String[]> companies, Inputs in, boolean write) {
        List<String> ids = new ArrayList<>(companies.size());
        companies.forEach(c -> ids.add(c[0]));
        HealthStore.Batch read = health.batch(ids);
        Map<String, Assess.Outcome> outcomes = new HashMap<>();
        List<Assess.Outcome> raise = new ArrayList<>();
        List<CustomerHealth> changed = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        for (String[] c : companies) {
            String id = c[0];
            HealthPolicy policy = policyOf(in.policies(), teamOf(in.people(), c[1]));
            List<Order> orders = in.orders().get(id);
            List<Payment> payments = in.payments().get(id);
            Money money = Money.of(orders, payments, policy.paymentDays(), in.now());
            var records = Score.fromRecords(money, in.overdue().getOrDefault(id, 0), in.now());
            Signals s = read.signals().getOrDefault(id, Signals.none(id));
            CustomerHealth before = read.before().get(id);
            Assess.Outcome outcome = Assess.of(id, c[1], s, records, money, orders == null ? List.of() : orders, payments,
                    before, policy, in.now());
            outcomes.put(id, outcome);
            // Only what changed is written: computedAt is when the health last changed.
            if (!outcome.health().sameAs(before)) {
                changed.add(outcome.health());
                differing.add(id);
            } else if (outcome.dropped() || outcome.warned()) {
                differing.add(id + " (alert)");
            }
            if (outcome.dropped() || outcome.warned()) {
                raise.add(outcome);
            }
        }
        if (write) {
            health.saveAll(changed);
        }
        return new Batch(outcomes, raise, changed.size(), differing);
    }

    private <T> Map<String, List<T>> byCustomer(String collection, Document filter, String[] fields,
            java.util.function.Function<Document, T> read, java.util.function.Function<T, String> customer, Set<String> among) {
        Map<String, List<T>> all = new HashMap<>();
        health.each(collection, filter, fields, d -> {
            T t = read.apply(d);
            String id = customer.apply(t);
            if (among == null || among.contains(id)) {
                all.computeIfAbsent(id, k -> new ArrayList<>()).add(t);
            }
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

    private static final HealthPolicy DEFAULTS = HealthPolicy.defaults(HealthPolicy.DEFAULT_ID);

    private static HealthPolicy policyOf(Map<String, HealthPolicy> policies, String teamId) {
        HealthPolicy own = teamId == null ? null : policies.get(teamId);
        if (own != null) {
            return own;
        }
        HealthPolicy fallback = policies.get(HealthPolicy.DEFAULT_ID);
        return fallback != null ? fallback : DEFAULTS;
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
