package io.genjin.followup.escalation;

import io.genjin.followup.People;
import io.genjin.followup.Texts;
import io.genjin.followup.notify.Notification;
import io.genjin.followup.notify.Notifier;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.task.Escalation;
import io.genjin.store.task.Task;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import io.genjin.store.user.User;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An overdue task on an A-grade customer, or any overdue HIGH task, goes to the assignee's manager
 * once {@code grace} has passed since it was due (level 1), and one level further up if it is still
 * open {@code nextLevel} after that (level 2). The step is an atomic compare-and-set on the task's
 * escalation level, so two replicas or a re-run escalate once.
 */
public class EscalateOverdueTask {
    private static final Logger log = LoggerFactory.getLogger(EscalateOverdueTask.class);
    private final CrmStore store;
    private final Notifier notifier;
    private final Texts texts;
    private final EscalationSettings settings;
    private final java.time.ZoneId zone;

    public EscalateOverdueTask(CrmStore store, Notifier notifier, Texts texts, EscalationSettings settings,
            java.time.ZoneId zone) {
        this.zone = zone;
        this.store = store;
        this.notifier = notifier;
        this.texts = texts;
        this.settings = settings;
    }

    /** Is the task late enough for its next level? (Whether its customer's grade qualifies is asked later.) */
    public boolean due(Task task, Instant now) {
        if (!settings.enabled() || task.dueAt() == null || !task.overdue(now)) {
            return false;
        }
        Escalation e = task.escalation();
        return switch (e.level()) {
            case 0 -> !now.isBefore(task.dueAt().plus(settings.grace()));
            case 1 -> e.escalatedAt() != null && !now.isBefore(e.escalatedAt().plus(settings.nextLevel()));
            default -> false;
        };
    }

    public boolean escalate(Task task, Company company, People people, Instant now) {
        if (!settings.escalates(task.priority(), company == null ? null : company.grade())) {
            return false;
        }
        int level = task.escalation().level() + 1;
        String below = level == 1 ? task.assigneeId() : task.escalation().escalatedToId();
        Optional<User> manager = people.managerOf(below);
        if (manager.isEmpty()) {
            log.debug("task {} is overdue but {} has no manager to escalate to", task.id(), below);
            return false;
        }
        Optional<Task> escalated = store.tasks().escalate(task.id(), task.escalation().level(),
                new Escalation(level, manager.get().id(), now));
        if (escalated.isEmpty()) {
            return false;
        }
        User to = manager.get();
        Locale locale = Texts.localeOf(to.locale());
        String assignee = people.user(task.assigneeId()).map(User::name).orElse("-");
        String companyName = company == null ? "-" : company.name();
        store.timeline().append(new Activity(Ids.newId(), task.companyId(), ActivityType.TASK, now, null, List.of(),
                task.title(), texts.text("followup.timeline.escalated", locale, to.name(), level),
                "task-escalated:" + task.id() + ":" + level,
                Map.of("taskId", task.id(), "event", "escalated", "level", Integer.toString(level), "to", to.id()), now));
        notifier.send(to, Notification.Kind.ESCALATION, "escalation:" + task.id() + ":" + level, "escalation",
                List.of(task.title(), companyName, assignee, Texts.moment(task.dueAt(), zone), Integer.toString(level)), task.id(),
                task.companyId());
        log.info("task {} escalated to level {}: {}", task.id(), level, to.id());
        return true;
    }
}
