package io.genjin.app.ui;

import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskComment;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * "My tasks" (the open tasks assigned to me) and, for managers and admins, "team tasks" (everything
 * open assigned to the people they oversee); soonest due first, overdue ones marked, each with its
 * comments and the complete / snooze / re-assign / comment forms.
 */
@ConditionalOnRole(Roles.API)
@Controller
class TaskPage {
    /** A team list is for working through, not for archaeology. */
    private static final int TEAM_LIMIT = 500;
    private final CrmStore store;
    private final VisibleCustomers visible;
    private final Assignees assignees;

    TaskPage(CrmStore store, VisibleCustomers visible, Assignees assignees) {
        this.store = store;
        this.visible = visible;
        this.assignees = assignees;
    }

    @GetMapping("/tasks")
    String myTasks(@AuthenticationPrincipal SignedIn me, Model model) {
        return page(me, store.tasks().assignedTo(me.userId(), EnumSet.of(TaskStatus.OPEN)), "mine", model);
    }

    @GetMapping("/tasks/team")
    String teamTasks(@AuthenticationPrincipal SignedIn me, Model model) {
        if (me.role() == Role.REP) {
            throw new AccessDeniedException("team tasks are for managers");
        }
        return page(me, store.tasks().inScope(visible.scope(me), EnumSet.of(TaskStatus.OPEN), TEAM_LIMIT), "team", model);
    }

    private String page(SignedIn me, List<Task> tasks, String scope, Model model) {
        List<TaskComment> comments = store.taskComments().of(tasks.stream().map(Task::id).toList());
        List<User> canAssign = me.role() == Role.REP ? List.of() : assignees.of(me);
        model.addAttribute("nav", "tasks");
        model.addAttribute("scope", scope);
        model.addAttribute("tasks", tasks);
        model.addAttribute("customers", visibleCustomerNames(me, tasks));
        model.addAttribute("comments", comments.stream().collect(Collectors.groupingBy(TaskComment::taskId)));
        model.addAttribute("people", names(Stream.concat(tasks.stream().map(Task::assigneeId),
                comments.stream().map(TaskComment::authorId)).collect(Collectors.toSet())));
        model.addAttribute("assignees", canAssign);
        model.addAttribute("now", store.clock().instant());
        return "tasks";
    }

    /**
     * Names of the tasks' customers that I may see. A task can outlive my access to its customer
     * (the customer was handed to someone else); then the task shows no customer name at all.
     */
    private Map<String, String> visibleCustomerNames(SignedIn me, List<Task> tasks) {
        Map<String, String> names = new HashMap<>();
        tasks.stream().map(Task::companyId).distinct().forEach(id -> store.companies().findLive(id)
                .filter(company -> store.access().canSee(me.viewer(), company))
                .ifPresent(company -> names.put(id, company.name())));
        return names;
    }

    private Map<String, String> names(Set<String> userIds) {
        userIds.remove(null);
        return userIds.isEmpty() ? Map.of() : store.users().byIds(userIds).stream()
                .collect(Collectors.toMap(User::id, User::name, (a, b) -> a));
    }
}
