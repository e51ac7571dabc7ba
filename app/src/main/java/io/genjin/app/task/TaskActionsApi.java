package io.genjin.app.task;

import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.app.web.Conflict;
import io.genjin.store.CrmStore;
import io.genjin.store.task.CommentOnTask;
import io.genjin.store.task.CompleteTask;
import io.genjin.store.task.SnoozeTask;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskComment;
import io.genjin.store.task.TaskStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** What a person does to one task besides editing it: finish it, put it off, comment on it. */
@ConditionalOnRole(Roles.API)
@RestController
class TaskActionsApi {
    private final CrmStore store;
    private final VisibleCustomers visible;
    private final CompleteTask complete;
    private final SnoozeTask snooze;
    private final CommentOnTask comment;

    TaskActionsApi(CrmStore store, VisibleCustomers visible, CompleteTask complete, SnoozeTask snooze,
            CommentOnTask comment) {
        this.store = store;
        this.visible = visible;
        this.complete = complete;
        this.snooze = snooze;
        this.comment = comment;
    }

    /**
     * Completing a task that is already done answers it as it is (a retried request changes nothing);
     * one that was cancelled is a 409.
     */
    @PostMapping("/api/tasks/{id}/complete")
    Task complete(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody(required = false) Done body) {
        Task task = visible.task(me, id);
        return complete.complete(task, body == null ? null : body.reason(), me.userId())
                .or(() -> store.tasks().find(task.id()).filter(t -> t.status() == TaskStatus.DONE))
                .orElseThrow(() -> new Conflict("The task was cancelled."));
    }

    @PostMapping("/api/tasks/{id}/snooze")
    Task snooze(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody Snooze body) {
        return snooze.until(visible.task(me, id), body.until());
    }

    @GetMapping("/api/tasks/{id}/comments")
    List<TaskComment> comments(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        return store.taskComments().of(List.of(visible.task(me, id).id()));
    }

    @PostMapping("/api/tasks/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    TaskComment comment(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody NewComment body) {
        return comment.comment(visible.task(me, id), body.text(), me.userId());
    }

    record Done(@Size(max = 500) String reason) {
    }

    record Snooze(@NotNull Instant until) {
    }

    record NewComment(@NotBlank @Size(max = 2000) String text) {
    }
}
