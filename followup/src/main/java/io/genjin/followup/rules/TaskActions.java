package io.genjin.followup.rules;

import io.genjin.followup.People;
import io.genjin.followup.Texts;
import io.genjin.followup.facts.Facts;
import io.genjin.followup.notify.Notification;
import io.genjin.followup.notify.Notifier;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import io.genjin.store.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a rule does to the world: raise a task (once per dedupe key, on the timeline, told to the
 * assignee), close one whose condition cleared (with the reason), move a customer to the dormant
 * pool or out of it. Each step is idempotent, so a redelivered event or a re-run scan changes nothing.
 */
public class TaskActions {
    private static final Logger log = LoggerFactory.getLogger(TaskActions.class);
    private final CrmStore store;
    private final Facts facts;
    private final Notifier notifier;
    private final Texts texts;
    private final Duration dueIn;
    private final java.time.ZoneId zone;

    public TaskActions(CrmStore store, Facts facts, Notifier notifier, Texts texts, Duration dueIn, java.time.ZoneId zone) {
        this.zone = zone;
        this.store = store;
        this.facts = facts;
        this.notifier = notifier;
        this.texts = texts;
        this.dueIn = dueIn;
    }

    /**
     * Raises the task the rule wants, unless one with its dedupe key exists (open or already closed:
     * once per period). Returns the task when this call created it.
     *
     * @param notify tell the assignee now (events); the scan tells each assignee once, in a digest
     */
    public Optional<Task> raise(Want want, Company company, RuleSetting setting, People people, Instant now, boolean notify) {
        Optional<Task> fresh = task(want, company, setting, people, now);
        if (fresh.isEmpty()) {
            return Optional.empty();
        }
        Task stored = store.tasks().insert(fresh.get());
        if (stored == null || !stored.id().equals(fresh.get().id())) {
            return Optional.empty();
        }
        if (CLOSED_BY_EVENTS.contains(want.rule())) {
            facts.taskOpened(company.id(), want.rule(), stored.id());
        }
        store.timeline().append(raisedLine(stored, people, now));
        log.info("rule {} raised task {} on {} for {}", want.rule(), stored.id(), company.id(), stored.assigneeId());
        if (notify) {
            notifyRaised(stored, company, people.user(stored.assigneeId()).orElseThrow(), people, setting, true);
        }
        return Optional.of(stored);
    }

    /**
     * Raises many tasks at once (a scan): one round trip for the tasks, one for the facts, one for the
     * timeline, instead of three per task. Returns the tasks created; none is notified here.
     */
    public List<Task> raiseAll(List<Raise> raises, People people, Instant now) {
        List<Task> fresh = new ArrayList<>();
        for (Raise r : raises) {
            task(r.want(), r.company(), r.setting(), people, now).ifPresent(fresh::add);
        }
        // Written first: should the process die before the scan tells the assignees, the next scan
        // finds these and finishes them (timeline line, facts, telling), once.
        facts.untold().expect(fresh);
        List<Task> created = store.tasks().insertAll(fresh);
        if (created.size() < fresh.size()) {
            java.util.Set<String> in = created.stream().map(Task::id).collect(java.util.stream.Collectors.toSet());
            facts.untold().told(fresh.stream().map(Task::id).filter(id -> !in.contains(id)).toList());
        }
        finish(created, people);
        log.info("raised {} task(s) ({} were there already)", created.size(), fresh.size() - created.size());
        return created;
    }

    /**
     * What follows a task's insert: its open id in the facts, its line on the timeline (dated when the
     * task was raised). Both can run twice.
     */
    private void finish(List<Task> created, People people) {
        facts.tasksOpened(created.stream().filter(t -> CLOSED_BY_EVENTS.contains(t.originRule())).toList());
        store.timeline().appendAll(created.stream().map(t -> raisedLine(t, people, t.createdAt())).toList());
    }

    /**
     * The tasks an earlier scan raised and did not live to tell (see {@link io.genjin.followup.facts.Untold}):
     * finishes each that is still open (facts, timeline line: both idempotent) and returns them, to be
     * told now. Entries whose task never went in, or was closed since, are dropped.
     */
    public List<Task> leftBehind(List<io.genjin.followup.facts.Untold.Entry> entries, People people) {
        List<Task> open = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += 1_000) {
            List<String> ids = entries.subList(from, Math.min(entries.size(), from + 1_000)).stream()
                    .map(io.genjin.followup.facts.Untold.Entry::taskId).toList();
            Map<String, Task> found = new java.util.HashMap<>();
            store.tasks().findAll(ids).forEach(t -> found.put(t.id(), t));
            List<Task> batch = new ArrayList<>();
            for (String id : ids) {
                Task task = found.get(id);
                if (task != null && task.status() == TaskStatus.OPEN) {
                    batch.add(task);
                } else {
                    gone.add(id);
                }
            }
            finish(batch, people);
            open.addAll(batch);
        }
        facts.untold().told(gone);
        if (!entries.isEmpty()) {
            log.info("finished {} task(s) an earlier scan raised and did not tell ({} gone since)", open.size(),
                    gone.size());
        }
        return open;
    }

    /** A rule's want for a customer, to raise in a batch. */
    public record Raise(Want want, Company company, RuleSetting setting) {
    }

    private Optional<Task> task(Want want, Company company, RuleSetting setting, People people, Instant now) {
        Optional<User> assignee = setting.assignee() == Assignee.OWNER_MANAGER
                ? people.managerOf(company.ownerId()).or(() -> people.user(company.ownerId()))
                : people.user(company.ownerId());
        if (assignee.isEmpty()) {
            log.debug("{}: no one to give it to on {}", want.dedupeKey(), company.id());
            return Optional.empty();
        }
        User to = assignee.get();
        Locale locale = Texts.localeOf(to.locale());
        String title = texts.text("followup.task." + want.titleKey(), locale, want.args().toArray());
        return Optional.of(new Task(Ids.newId(), company.id(), title,
                texts.text("followup.rule." + want.rule() + ".condition", locale), want.type(), setting.priority(),
                want.dueAt() != null ? want.dueAt() : now.plus(dueIn), to.id(), TaskStatus.OPEN, want.rule(),
                want.dedupeKey(), null, null, null, null, now, null));
    }

    private Activity raisedLine(Task task, People people, Instant now) {
        Locale locale = Texts.localeOf(people.user(task.assigneeId()).map(User::locale).orElse(null));
        return new Activity(Ids.newId(), task.companyId(), ActivityType.TASK, now, null, List.of(), task.title(),
                texts.text("followup.timeline.raised", locale, texts.text("followup.rule." + task.originRule() + ".name", locale)),
                "task:" + task.id(), attributes(task, "created", null), now);
    }

    /** Tells the assignee about a new task, and their manager too when the rule copies managers. */
    public void notifyRaised(Task task, Company company, User to, People people, RuleSetting setting, boolean toAssignee) {
        if (toAssignee) {
            notifier.send(to, Notification.Kind.TASK, "task:" + task.id(), "task", List.of(task.title(), company.name(),
                    Texts.moment(task.dueAt(), zone)), task.id(), company.id());
        }
        if (Boolean.TRUE.equals(setting.ccManager())) {
            people.managerOf(to.id()).ifPresent(manager -> notifier.send(manager, Notification.Kind.COPY,
                    "copy:" + task.id(), "copy", List.of(task.title(), company.name(), to.name()), task.id(), company.id()));
        }
    }

    /** Closes the task if it is still open, because its condition cleared; records why. */
    public boolean close(String taskId, String rule, String companyId, People people, Instant now) {
        Optional<Task> open = store.tasks().find(taskId).filter(t -> t.status() == TaskStatus.OPEN);
        if (open.isEmpty()) {
            facts.taskClosed(companyId, rule, taskId);
            return false;
        }
        Locale locale = Texts.localeOf(people.user(open.get().assigneeId()).map(User::locale).orElse(null));
        String reason = texts.text("followup.closed." + rule, locale);
        Optional<Task> closed = store.tasks().closeIfOpen(taskId, TaskStatus.DONE, reason, now);
        facts.taskClosed(companyId, rule, taskId);
        closed.ifPresent(task -> {
            store.timeline().append(new Activity(Ids.newId(), task.companyId(), ActivityType.TASK, now, null, List.of(),
                    task.title(), texts.text("followup.timeline.closed", locale, reason), "task-closed:" + task.id(),
                    attributes(task, "closed", reason), now));
            log.info("rule {} closed task {} on {}: {}", rule, task.id(), task.companyId(), reason);
        });
        return closed.isPresent();
    }

    /**
     * Moves customers the scan found silent for long into the dormant pool, in one round trip, each
     * with a line on its timeline. The scan tells the owners, once each.
     */
    public void moveAllToDormantPool(List<Raise> moves, People people, Instant now) {
        store.companies().markDormant(moves.stream().map(m -> m.company().id()).toList());
        store.timeline().appendAll(moves.stream().map(m -> {
            Locale locale = Texts.localeOf(people.user(m.company().ownerId()).map(User::locale).orElse(null));
            return new Activity(Ids.newId(), m.company().id(), ActivityType.NOTE, now, null, List.of(),
                    texts.text("followup.rule.dormant-pool.name", locale),
                    texts.text("followup.timeline.dormant", locale, m.want().args().toArray()), m.want().dedupeKey(),
                    Map.of("rule", m.want().rule(), "event", "dormant"), now);
        }).toList());
        log.info("moved {} customer(s) to the dormant pool", moves.size());
    }

    /** Brings a customer who wrote again back from the dormant pool. */
    public void leaveDormantPool(Company company, People people, Instant now, String messageId) {
        if (!store.companies().setDormant(company.id(), false)) {
            return;
        }
        Locale locale = Texts.localeOf(people.user(company.ownerId()).map(User::locale).orElse(null));
        store.timeline().append(new Activity(Ids.newId(), company.id(), ActivityType.NOTE, now, null, List.of(),
                texts.text("followup.rule.dormant-pool.name", locale), texts.text("followup.timeline.awake", locale),
                "awake:" + messageId, Map.of("rule", DormantPool.NAME, "event", "awake"), now));
        log.info("{} left the dormant pool: it wrote again ({})", company.id(), messageId);
    }

    /** Rules whose tasks an event can close (a reply, an answer, a stage move): their open task ids are kept in the facts. */
    private static final java.util.Set<String> CLOSED_BY_EVENTS = java.util.Set.of(QuoteNoReply.NAME, InquiryUnanswered.NAME,
            NoTwoWayContact.NAME, ChurnWarning.NAME, StageTasks.NAME);

    private static Map<String, String> attributes(Task task, String event, String reason) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("taskId", task.id());
        attributes.put("event", event);
        attributes.put("rule", task.originRule());
        if (reason != null) {
            attributes.put("reason", reason);
        }
        return attributes;
    }
}
