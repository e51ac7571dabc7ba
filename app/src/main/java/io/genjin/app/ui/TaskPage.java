package io.genjin.app.ui;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** "My tasks": the open tasks assigned to me, soonest due first, overdue ones marked. */
@ConditionalOnRole(Roles.API)
@Controller
class TaskPage {
    private final CrmStore store;

    TaskPage(CrmStore store) {
        this.store = store;
    }

    @GetMapping("/tasks")
    String myTasks(@AuthenticationPrincipal SignedIn me, Model model) {
        List<Task> tasks = store.tasks().assignedTo(me.userId(), EnumSet.of(TaskStatus.OPEN));
        model.addAttribute("nav", "tasks");
        model.addAttribute("tasks", tasks);
        model.addAttribute("customers", visibleCustomerNames(me, tasks));
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
}
