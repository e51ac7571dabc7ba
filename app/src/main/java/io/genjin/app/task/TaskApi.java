package io.genjin.app.task;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.task.Priority;
import io.genjin.store.task.ReassignTask;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.task.TaskType;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import io.genjin.app.web.Patch;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** "My tasks", the team's tasks for a manager, and tasks on a customer. */
@ConditionalOnRole(Roles.API)
@RestController
class TaskApi {
    private final CrmStore store;
    private final VisibleCustomers visible;
    private final ReassignTask reassign;

    TaskApi(CrmStore store, VisibleCustomers visible, ReassignTask reassign) {
        this.store = store;
        this.visible = visible;
        this.reassign = reassign;
    }

    /** @param scope {@code mine} (default) or {@code team}: everything assigned to people the caller can see */
    @GetMapping("/api/tasks")
    List<Task> list(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "mine") String scope,
            @RequestParam(required = false) List<TaskStatus> status) {
        EnumSet<TaskStatus> statuses = status == null || status.isEmpty() ? EnumSet.of(TaskStatus.OPEN) : EnumSet.copyOf(status);
        return switch (scope) {
            case "mine" -> store.tasks().assignedTo(me.userId(), statuses);
            case "team" -> store.tasks().inScope(visible.scope(me), statuses, 1000);
            default -> throw new io.genjin.store.Invalid("scope is 'mine' or 'team'");
        };
    }

    @GetMapping("/api/companies/{companyId}/tasks")
    List<Task> ofCompany(@AuthenticationPrincipal SignedIn me, @PathVariable String companyId,
            @RequestParam(required = false) List<TaskStatus> status) {
        Company company = visible.company(me, companyId);
        return store.tasks().ofCompany(company.id(),
                status == null || status.isEmpty() ? EnumSet.allOf(TaskStatus.class) : EnumSet.copyOf(status));
    }

    @PostMapping("/api/companies/{companyId}/tasks")
    ResponseEntity<Task> create(@AuthenticationPrincipal SignedIn me, @PathVariable String companyId,
            @Valid @RequestBody NewTask body) {
        Company company = visible.company(me, companyId);
        String assignee = body.assigneeId() == null ? me.userId() : body.assigneeId();
        visible.requireAssignable(me, assignee);
        Instant now = store.clock().instant();
        Task task = store.tasks().insert(new Task(Ids.newId(), company.id(), body.title(), body.notes(), body.type(),
                body.priority(), body.dueAt(), assignee, TaskStatus.OPEN, null, null, null, null, null, me.userId(), now, null));
        store.timeline().append(new Activity(Ids.newId(), company.id(), ActivityType.TASK, now, me.userId(), List.of(),
                task.title(), task.notes(), "task:" + task.id(), Map.of("taskId", task.id(), "event", "created"), now));
        return ResponseEntity.created(URI.create("/api/tasks/" + task.id())).body(task);
    }

    @GetMapping("/api/tasks/{id}")
    Task get(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        return visibleTask(me, id);
    }

    @PatchMapping("/api/tasks/{id}")
    Task update(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody TaskChanges body) {
        Task task = visibleTask(me, id);
        if (body.assigneeId() != null) {
            visible.requireAssignable(me, body.assigneeId());
            // Through the same activity as the task page, so a hand-over is audited whichever way it came.
            task = reassign.to(task, body.assigneeId(), me.userId());
        }
        Instant now = store.clock().instant();
        TaskStatus status = Patch.or(body.status(), task.status());
        boolean closing = task.status() == TaskStatus.OPEN && status != TaskStatus.OPEN;
        Task changed = new Task(task.id(), task.companyId(), Patch.or(body.title(), task.title()),
                Patch.or(body.notes(), task.notes()), task.type(),
                Patch.or(body.priority(), task.priority()),
                Patch.or(body.dueAt(), task.dueAt()),
                Patch.or(body.assigneeId(), task.assigneeId()), status, task.originRule(),
                task.dedupeKey(), task.escalation(), closing ? now : status == TaskStatus.OPEN ? null : task.closedAt(),
                closing ? Patch.or(body.reason(), "closed by " + me.name()) : task.closedReason(),
                task.createdBy(), task.createdAt(), task.version());
        return store.tasks().save(changed);
    }

    private Task visibleTask(SignedIn me, String id) {
        return visible.task(me, id);
    }

    record NewTask(@NotBlank @Size(max = 300) String title, @Size(max = 5000) String notes, TaskType type,
            Priority priority, Instant dueAt, String assigneeId) {
    }

    record TaskChanges(@Size(min = 1, max = 300) String title, @Size(max = 5000) String notes, Priority priority,
            Instant dueAt, String assigneeId, TaskStatus status, @Size(max = 500) String reason) {
    }
}
