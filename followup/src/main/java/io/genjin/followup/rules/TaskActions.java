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
        Task fresh = new Task(Ids.newId(), company.id(), title, texts.text("followup.rule." + want.rule() + ".condition", locale),
                want.type(), setting.priority(), want.dueAt() != null ? want.dueAt() : now.plus(dueIn), to.id(),
                TaskStatus.OPEN, want.rule(), want.dedupeKey(), null, null, null, null, now, null);
        Task stored = store.tasks().insert(fresh);
        if (stored == null || !stored.id().equals(fresh.id())) {
            return Optional.empty();
        }
        facts.taskOpened(company.id(), want.rule(), stored.id());
        store.timeline().append(new Activity(Ids.newId(), company.id(), ActivityType.TASK, now, null, List.of(), title,
                texts.text("followup.timeline.raised", locale, texts.text("followup.rule." + want.rule() + ".name", locale)),
                "task:" + stored.id(), attributes(stored, "created", null), now));
        log.info("rule {} raised task {} on {} for {}", want.rule(), stored.id(), company.id(), to.id());
        if (notify) {
            notifyRaised(stored, company, to, people, setting, true);
        }
        return Optional.of(stored);
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

    /** Moves the customer to the dormant pool and tells its owner; false when it was there already. */
    public boolean moveToDormantPool(Want want, Company company, People people, Instant now) {
        if (!store.companies().setDormant(company.id(), true)) {
            return false;
        }
        Optional<User> owner = people.user(company.ownerId());
        Locale locale = Texts.localeOf(owner.map(User::locale).orElse(null));
        String text = texts.text("followup.timeline.dormant", locale, want.args().toArray());
        store.timeline().append(new Activity(Ids.newId(), company.id(), ActivityType.NOTE, now, null, List.of(),
                texts.text("followup.rule.dormant-pool.name", locale), text, want.dedupeKey(),
                Map.of("rule", want.rule(), "event", "dormant"), now));
        owner.ifPresent(o -> notifier.send(o, Notification.Kind.DORMANT, want.dedupeKey(), "dormant", want.args(), null,
                company.id()));
        log.info("rule {} moved {} to the dormant pool", want.rule(), company.id());
        return true;
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
