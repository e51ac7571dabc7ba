package io.genjin.app.ui;

import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.task.CommentOnTask;
import io.genjin.store.task.CompleteTask;
import io.genjin.store.task.ReassignTask;
import io.genjin.store.task.SnoozeTask;
import io.genjin.store.task.Task;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Complete, snooze, re-assign and comment on a task from the task lists or a customer page; each
 * goes back to the page it came from. The same use cases serve {@code /api/tasks/{id}/...}.
 */
@ConditionalOnRole(Roles.API)
@Controller
class TaskForms {
    private final VisibleCustomers visible;
    private final CompleteTask complete;
    private final SnoozeTask snooze;
    private final ReassignTask reassign;
    private final CommentOnTask comment;
    private final Times times;

    TaskForms(VisibleCustomers visible, CompleteTask complete, SnoozeTask snooze, ReassignTask reassign,
            CommentOnTask comment, UiProperties properties) {
        this.visible = visible;
        this.complete = complete;
        this.snooze = snooze;
        this.reassign = reassign;
        this.comment = comment;
        this.times = new Times(properties.timeZone());
    }

    @PostMapping("/tasks/{id}/complete")
    String complete(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
            @RequestParam(required = false) String back, RedirectAttributes flash) {
        Task task = visible.task(me, id);
        boolean closed = complete.complete(task, null, me.userId()).isPresent();
        flash.addFlashAttribute(closed ? "done" : "problemKey", closed ? "task.completed" : "task.alreadyClosed");
        return redirect(back);
    }

    @PostMapping("/tasks/{id}/snooze")
    String snooze(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate until,
            @RequestParam(required = false) String back, RedirectAttributes flash) {
        Task task = visible.task(me, id);
        try {
            snooze.until(task, times.morningOf(until));
            flash.addFlashAttribute("done", "task.snoozed");
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("problemKey", "task.snoozeLater");
        }
        return redirect(back);
    }

    @PostMapping("/tasks/{id}/assign")
    String assign(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam String assigneeId,
            @RequestParam(required = false) String back, RedirectAttributes flash) {
        Task task = visible.task(me, id);
        visible.requireAssignable(me, assigneeId);
        reassign.to(task, assigneeId, me.userId());
        flash.addFlashAttribute("done", "task.reassigned");
        return redirect(back);
    }

    @PostMapping("/tasks/{id}/comment")
    String comment(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam String text,
            @RequestParam(required = false) String back, RedirectAttributes flash) {
        Task task = visible.task(me, id);
        try {
            comment.comment(task, text, me.userId());
            flash.addFlashAttribute("done", "task.commented");
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("problemKey", "task.commentNeeded");
        }
        return redirect(back);
    }

    /** Back to the page the form was on, never off the site: only a local path is followed. */
    static String redirect(String back) {
        boolean local = back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\")
                && !back.contains("\r") && !back.contains("\n");
        return "redirect:" + (local ? back : "/tasks");
    }
}
