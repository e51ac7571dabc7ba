package io.genjin.followup;

import io.genjin.followup.escalation.EscalateOverdueTask;
import io.genjin.followup.facts.CustomerFacts;
import io.genjin.followup.facts.Facts;
import io.genjin.followup.facts.Untold;
import io.genjin.followup.notify.Notification;
import io.genjin.followup.notify.Notifier;
import io.genjin.followup.rules.CustomerView;
import io.genjin.followup.rules.Rules;
import io.genjin.followup.rules.ScanRule;
import io.genjin.followup.rules.TaskActions;
import io.genjin.followup.rules.Want;
import io.genjin.store.CrmStore;
import io.genjin.store.contract.Contract;
import io.genjin.store.contract.Contracts;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Stage;
import io.genjin.store.opportunity.Opportunity;
import io.genjin.store.task.Task;
import io.genjin.store.user.User;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time-based rules and escalation, for every customer, in one pass over each collection: the
 * rules' facts, orders, deals in negotiation, contracts and open tasks are read into memory keyed by
 * customer, then the customers stream past once. No per-customer query: on the embedded store,
 * which builds no secondary indexes, every such query would read a whole collection.
 *
 * <p>For each customer every enabled rule says which tasks it wants open now; wanted tasks that do
 * not exist are raised (a dedupe key makes that idempotent), open ones no longer wanted close. New
 * tasks are told to each assignee once per scan, in a digest when there are several. A scan that
 * dies before telling leaves its tasks in {@link Untold}; the next one finishes and tells them.
 */
public class FollowupScan {
    private static final Logger log = LoggerFactory.getLogger(FollowupScan.class);
    private static final int DIGEST_LINES = 10;
    private final CrmStore store;
    private final Facts facts;
    private final Contracts contracts;
    private final Rules rules;
    private final TaskActions actions;
    private final EscalateOverdueTask escalation;
    private final Notifier notifier;
    private final FollowupSettings settings;
    private final Clock clock;

    public FollowupScan(CrmStore store, Facts facts, Contracts contracts, Rules rules, TaskActions actions,
            EscalateOverdueTask escalation, Notifier notifier, FollowupSettings settings, Clock clock) {
        this.store = store;
        this.facts = facts;
        this.contracts = contracts;
        this.rules = rules;
        this.actions = actions;
        this.escalation = escalation;
        this.notifier = notifier;
        this.settings = settings;
        this.clock = clock;
    }

    public ScanReport run() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        People people = People.of(store);
        List<ScanRule> scanned = rules.scanned();
        Set<String> scannedNames = scanned.stream().map(ScanRule::name).collect(Collectors.toSet());
        // What an earlier scan raised and did not live to tell; read before this scan adds its own.
        List<Untold.Entry> leftBehind = facts.untold().all();

        // The small collections are read side by side (the embedded server serves connections in parallel),
        // then the customers stream past once.
        ExecutorService readers = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "followup-scan-read");
            thread.setDaemon(true);
            return thread;
        });
        Map<String, CustomerFacts> factsOf = new HashMap<>();
        Map<String, Instant> lastOrder = new HashMap<>();
        Map<String, List<Opportunity>> negotiating = new HashMap<>();
        Map<String, List<Contract>> contractsOf = new HashMap<>();
        Map<String, List<Task>> openByRule = new HashMap<>();
        List<Task> lateTasks = new ArrayList<>();
        long[] took = new long[4];
        try {
            List<Future<?>> reads = List.of(
                    readers.submit(timed(took, 0, () -> {
                        try (Stream<CustomerFacts> all = facts.allDates()) {
                            all.forEach(f -> factsOf.put(f.id(), f));
                        }
                    })),
                    readers.submit(timed(took, 1, () -> {
                        try (var orders = store.orders().streamDates()) {
                            orders.filter(o -> o.orderedAt() != null)
                                    .forEach(o -> lastOrder.merge(o.companyId(), o.orderedAt(), CustomerView::later));
                        }
                    })),
                    readers.submit(timed(took, 2, () -> {
                        try (Stream<Opportunity> deals = store.opportunities().streamInStage(Stage.NEGOTIATION)) {
                            deals.forEach(d -> negotiating.computeIfAbsent(d.companyId(), k -> new ArrayList<>()).add(d));
                        }
                        try (Stream<Contract> all = contracts.all()) {
                            all.forEach(c -> contractsOf.computeIfAbsent(c.companyId(), k -> new ArrayList<>()).add(c));
                        }
                    })),
                    readers.submit(timed(took, 3, () -> {
                        try (Stream<Task> open = store.tasks().streamOpen(TASK_FIELDS)) {
                            open.forEach(t -> {
                                if (t.originRule() != null && scannedNames.contains(t.originRule())) {
                                    openByRule.computeIfAbsent(t.companyId(), k -> new ArrayList<>()).add(t);
                                }
                                if (escalation.due(t, now)) {
                                    lateTasks.add(t);
                                }
                            });
                        }
                    })));
            for (Future<?> read : reads) {
                read.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("follow-up scan interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            readers.shutdownNow();
        }
        long readsDone = System.nanoTime();
        Set<String> lateCompanies = lateTasks.stream().map(Task::companyId).collect(Collectors.toSet());
        Map<String, Company> lateCompany = new HashMap<>();

        Round round = new Round(people, now);
        try (Stream<Company> companies = store.companies().streamLive(COMPANY_FIELDS)) {
            companies.forEach(company -> {
                round.customers++;
                if (lateCompanies.contains(company.id())) {
                    lateCompany.put(company.id(), company);
                }
                evaluate(company, new CustomerView(company, factsOf.get(company.id()), lastOrder.get(company.id()),
                        negotiating.get(company.id()), contractsOf.get(company.id())), scanned,
                        openByRule.getOrDefault(company.id(), List.of()), round);
            });
        }
        long customersDone = System.nanoTime();
        round.flush();
        List<EscalateOverdueTask.Escalated> escalated = escalation.escalateAll(lateTasks, lateCompany, people, now);
        escalation.record(escalated, people, now);
        round.escalated = escalated.size();
        addLeftBehind(leftBehind, scanned, round);
        round.raised.forEach((assigneeId, tasks) -> tell(assigneeId, tasks, round));
        round.dormant.forEach((ownerId, moved) -> tellDormant(ownerId, moved, round));
        Counts counts = round;
        ScanReport report = new ScanReport(counts.customers, counts.created, counts.closed, counts.escalated,
                counts.dormantCount, counts.notified, (System.nanoTime() - started) / 1_000_000);
        log.info("follow-up scan: {}; read side by side in {} ms (facts {} ms, orders {} ms, deals and contracts {} ms, "
                + "open tasks {} ms), customers and rules {} ms", report, ms(started, readsDone), took[0], took[1], took[2],
                took[3], ms(readsDone, customersDone));
        return report;
    }

    /** What the rules read of a customer; the rest of the record is left on the server. */
    private static final String[] COMPANY_FIELDS = {"name", "normalizedName", "grade", "stage", "ownerId", "dormant", "archivedAt",
            "lastInboundAt", "lastOutboundAt", "createdAt"};
    /** What the scan reads of an open task (not its notes). */
    private static final String[] TASK_FIELDS = {"companyId", "title", "type", "priority", "dueAt", "assigneeId",
            "originRule", "dedupeKey", "escalation", "createdAt", "version"};

    private static Runnable timed(long[] took, int slot, Runnable read) {
        return () -> {
            long start = System.nanoTime();
            read.run();
            took[slot] = (System.nanoTime() - start) / 1_000_000;
        };
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private void evaluate(Company company, CustomerView customer, List<ScanRule> scanned, List<Task> open, Round round) {
        List<Wanted> wants = wants(customer, scanned, round.now);
        Wanted move = wants.stream().filter(w -> w.want().moveToDormantPool()).findFirst().orElse(null);
        if (move != null) {
            // A customer on its way to the dormant pool is judged as in it: no care mail or win-back task for it.
            round.moves.add(new TaskActions.Raise(move.want(), company, move.rule().setting()));
            wants = wants(customer.inDormantPool(), scanned, round.now);
        }
        Set<String> wanted = new HashSet<>();
        Set<String> openKeys = open.stream().map(Task::dedupeKey).collect(Collectors.toSet());
        for (Wanted w : wants) {
            wanted.add(w.want().dedupeKey());
            if (!w.want().moveToDormantPool() && !openKeys.contains(w.want().dedupeKey())) {
                round.raise(new TaskActions.Raise(w.want(), company, w.rule().setting()), w.rule());
            }
        }
        for (Task task : open) {
            if (!wanted.contains(task.dedupeKey())
                    && actions.close(task.id(), task.originRule(), company.id(), round.people, round.now)) {
                round.closed++;
            }
        }
    }

    private List<Wanted> wants(CustomerView customer, List<ScanRule> scanned, Instant now) {
        List<Wanted> wants = new ArrayList<>();
        for (ScanRule rule : scanned) {
            if (rule.setting().appliesTo(customer.company().grade())) {
                rule.wanted(customer, now, settings.timeZone()).forEach(w -> wants.add(new Wanted(rule, w)));
            }
        }
        return wants;
    }

    private record Wanted(ScanRule rule, Want want) {
    }

    /**
     * Tasks an earlier scan raised and never told (it died first) are told with this scan's, each
     * assignee still once; those of a rule no longer scanned are dropped.
     */
    private void addLeftBehind(List<Untold.Entry> entries, List<ScanRule> scanned, Round round) {
        if (entries.isEmpty()) {
            return;
        }
        Map<String, ScanRule> byName = new HashMap<>();
        scanned.forEach(r -> byName.put(r.name(), r));
        Map<String, List<Raised>> earlier = new LinkedHashMap<>();
        List<String> dropped = new ArrayList<>();
        for (Task task : actions.leftBehind(entries, round.people)) {
            ScanRule rule = byName.get(task.originRule());
            if (rule == null) {
                dropped.add(task.id());
                continue;
            }
            // The customer is read only if a message names it (one task, or a copy to the manager).
            earlier.computeIfAbsent(task.assigneeId(), k -> new ArrayList<>()).add(new Raised(task, null, rule));
        }
        facts.untold().told(dropped);
        round.raised.forEach((assigneeId, tasks) -> earlier.computeIfAbsent(assigneeId, k -> new ArrayList<>()).addAll(tasks));
        round.raised.clear();
        round.raised.putAll(earlier);
    }

    /**
     * One message per assignee per scan: the task itself when there is one, a digest when there are
     * several. The digest's key is made of its tasks, so telling the same tasks again (a scan that
     * died after telling, before it could note so) adds nothing.
     */
    private void tell(String assigneeId, List<Raised> tasks, Round round) {
        People people = round.people;
        Counts counts = round;
        User to = people.user(assigneeId).orElse(null);
        if (to == null) {
            facts.untold().told(tasks.stream().map(r -> r.task().id()).toList());
            return;
        }
        for (Raised r : tasks) {
            if (tasks.size() == 1 || Boolean.TRUE.equals(r.rule().setting().ccManager())) {
                Company company = r.company() != null ? r.company()
                        : store.companies().find(r.task().companyId()).orElse(null);
                if (company != null) {
                    actions.notifyRaised(r.task(), company, to, people, r.rule().setting(), tasks.size() == 1);
                    counts.notified++;
                }
            }
        }
        if (tasks.size() > 1) {
            String lines = tasks.stream().limit(DIGEST_LINES).map(r -> "- " + r.task().title())
                    .collect(Collectors.joining("\n")) + (tasks.size() > DIGEST_LINES ? "\n…" : "");
            notifier.send(to, Notification.Kind.DIGEST, "digest:" + digestKey(tasks), "digest",
                    List.of(Integer.toString(tasks.size()), lines), null, null);
            counts.notified++;
        }
        facts.untold().told(tasks.stream().map(r -> r.task().id()).toList());
    }

    private static String digestKey(List<Raised> tasks) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            tasks.stream().map(r -> r.task().id()).sorted().forEach(id -> {
                sha.update(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            });
            return java.util.HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The owner learns which customers went to the dormant pool: one message, or one digest. */
    private void tellDormant(String ownerId, List<TaskActions.Raise> moved, Round round) {
        User owner = round.people.user(ownerId).orElse(null);
        if (owner == null) {
            return;
        }
        if (moved.size() == 1) {
            TaskActions.Raise m = moved.get(0);
            notifier.send(owner, Notification.Kind.DORMANT, m.want().dedupeKey(), "dormant", m.want().args(), null,
                    m.company().id());
        } else {
            String lines = moved.stream().limit(DIGEST_LINES).map(m -> "- " + m.company().name())
                    .collect(Collectors.joining("\n")) + (moved.size() > DIGEST_LINES ? "\n…" : "");
            notifier.send(owner, Notification.Kind.DORMANT, "dormant-digest:" + round.now.toEpochMilli(), "dormants",
                    List.of(Integer.toString(moved.size()), lines), null, null);
        }
        round.notified++;
    }

    private record Raised(Task task, Company company, ScanRule rule) {
    }

    /**
     * One scan's work in progress: wanted tasks are raised in batches ({@link #BATCH} per round trip),
     * customers for the dormant pool moved together at the end.
     */
    private final class Round extends Counts {
        private static final int BATCH = 1_000;
        final People people;
        final Instant now;
        final List<TaskActions.Raise> pending = new ArrayList<>();
        final Map<String, ScanRule> ruleOf = new HashMap<>();
        final List<TaskActions.Raise> moves = new ArrayList<>();
        final Map<String, List<Raised>> raised = new LinkedHashMap<>();
        final Map<String, List<TaskActions.Raise>> dormant = new LinkedHashMap<>();

        Round(People people, Instant now) {
            this.people = people;
            this.now = now;
        }

        void raise(TaskActions.Raise raise, ScanRule rule) {
            pending.add(raise);
            ruleOf.put(raise.want().dedupeKey(), rule);
            if (pending.size() >= BATCH) {
                flushTasks();
            }
        }

        void flush() {
            flushTasks();
            for (int from = 0; from < moves.size(); from += BATCH) {
                List<TaskActions.Raise> batch = moves.subList(from, Math.min(moves.size(), from + BATCH));
                actions.moveAllToDormantPool(batch, people, now);
                batch.forEach(m -> dormant.computeIfAbsent(m.company().ownerId(), k -> new ArrayList<>()).add(m));
            }
            this.dormantCount = moves.size();
        }

        private void flushTasks() {
            Map<String, Company> companyOf = new HashMap<>();
            pending.forEach(r -> companyOf.put(r.want().dedupeKey(), r.company()));
            for (Task task : actions.raiseAll(pending, people, now)) {
                created++;
                raised.computeIfAbsent(task.assigneeId(), k -> new ArrayList<>())
                        .add(new Raised(task, companyOf.get(task.dedupeKey()), ruleOf.get(task.dedupeKey())));
            }
            pending.clear();
            ruleOf.clear();
        }
    }

    private static class Counts {
        long customers;
        long created;
        long closed;
        long escalated;
        long dormantCount;
        long notified;
    }
}
