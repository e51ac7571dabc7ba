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
import io.genjin.store.task.Tasks;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import io.genjin.store.user.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /**
     * Raises each task one level if its priority or customer qualifies and there is a manager above;
     * a compare-and-set makes each happen once, all of them in a few round trips. What happened is
     * {@link #record recorded} after.
     *
     * @param companyOf the tasks' customers by id (a task whose customer is missing escalates on priority alone)
     */
    public List<Escalated> escalateAll(List<Task> tasks, Map<String, Company> companyOf, People people, Instant now) {
        Map<String, User> managerOf = new HashMap<>();
        List<Tasks.EscalationStep> steps = new ArrayList<>();
        for (Task task : tasks) {
            Company company = companyOf.get(task.companyId());
            if (!settings.escalates(task.priority(), company == null ? null : company.grade())) {
                continue;
            }
            int level = task.escalation().level() + 1;
            String below = level == 1 ? task.assigneeId() : task.escalation().escalatedToId();
            Optional<User> manager = people.managerOf(below);
            if (manager.isEmpty()) {
                log.debug("task {} is overdue but {} has no manager to escalate to", task.id(), below);
                continue;
            }
            managerOf.put(task.id(), manager.get());
            steps.add(new Tasks.EscalationStep(task.id(), task.escalation().level(),
                    new Escalation(level, manager.get().id(), now)));
        }
        return store.tasks().escalateAll(steps).stream()
                .map(t -> new Escalated(t, companyOf.get(t.companyId()), managerOf.get(t.id()), t.escalation().level()))
                .toList();
    }

    /**
     * Puts the escalations on the customers' timelines (one round trip) and tells each manager: the
     * task itself when there is one, a digest when there are several.
     */
    public void record(List<Escalated> done, People people, Instant now) {
        store.timeline().appendAll(done.stream().map(e -> new Activity(Ids.newId(), e.task().companyId(), ActivityType.TASK,
                now, null, List.of(), e.task().title(),
                texts.text("followup.timeline.escalated", Texts.localeOf(e.to().locale()), e.to().name(), e.level()),
                "task-escalated:" + e.task().id() + ":" + e.level(), Map.of("taskId", e.task().id(), "event", "escalated",
                        "level", Integer.toString(e.level()), "to", e.to().id()), now)).toList());
        Map<String, List<Escalated>> byManager = new LinkedHashMap<>();
        done.forEach(e -> byManager.computeIfAbsent(e.to().id(), k -> new ArrayList<>()).add(e));
        byManager.forEach((managerId, list) -> {
            User to = list.get(0).to();
            if (list.size() == 1) {
                Escalated e = list.get(0);
                notifier.send(to, Notification.Kind.ESCALATION, "escalation:" + e.task().id() + ":" + e.level(), "escalation",
                        List.of(e.task().title(), e.company() == null ? "-" : e.company().name(),
                                people.user(e.task().assigneeId()).map(User::name).orElse("-"),
                                Texts.moment(e.task().dueAt(), zone), Integer.toString(e.level())),
                        e.task().id(), e.task().companyId());
            } else {
                String lines = list.stream().limit(10).map(e -> "- " + e.task().title() + " (" + (e.company() == null ? "-"
                        : e.company().name()) + ", " + people.user(e.task().assigneeId()).map(User::name).orElse("-") + ")")
                        .collect(java.util.stream.Collectors.joining("\n")) + (list.size() > 10 ? "\n…" : "");
                notifier.send(to, Notification.Kind.ESCALATION, "escalations:" + now.toEpochMilli(), "escalations",
                        List.of(Integer.toString(list.size()), lines), null, null);
            }
        });
        done.forEach(e -> log.info("task {} escalated to level {}: {}", e.task().id(), e.level(), e.to().id()));
    }

    /** One task taken a level up, to whom. */
    public record Escalated(Task task, Company company, User to, int level) {
    }
}
