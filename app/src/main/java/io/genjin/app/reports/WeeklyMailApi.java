package io.genjin.app.reports;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.reports.weekly.WeeklyReport;
import io.genjin.store.CrmStore;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/reports/weekly}: the figures of the signed-in manager's weekly report mail, and
 * {@code POST /api/reports/weekly/send}, which mails it to their own address now (docs/reports.md).
 * Reps get 403.
 */
@ConditionalOnRole(Roles.API)
@RestController
class WeeklyMailApi {
    private final CrmStore store;
    private final WeeklyMailer mailer;
    private final WeeklySendNow sendNow;
    private final WeeklyMailPreview page;

    WeeklyMailApi(CrmStore store, WeeklyMailer mailer, WeeklySendNow sendNow, WeeklyMailPreview page) {
        this.store = store;
        this.mailer = mailer;
        this.sendNow = sendNow;
        this.page = page;
    }

    static final class NotForReps extends RuntimeException {
        NotForReps() {
            super("The weekly report mail is a manager's; a rep's figures are at /api/reports/activity.");
        }
    }

    private User manager(SignedIn me) {
        if (me.role() == Role.REP) {
            throw new NotForReps();
        }
        return store.users().get(me.userId());
    }

    @GetMapping("/api/reports/weekly")
    WeeklyReport weekly(@AuthenticationPrincipal SignedIn me,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return mailer.mail().render(manager(me), page.week(date), true).report();
    }

    @PostMapping("/api/reports/weekly/send")
    ResponseEntity<?> send(@AuthenticationPrincipal SignedIn me,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        User user = manager(me);
        LocalDate week = page.week(date);
        WeeklySendNow.Outcome outcome = sendNow.send(user, week);
        if (outcome instanceof WeeklySendNow.Outcome.Sent s) {
            return ResponseEntity.ok(Map.of("sentTo", s.to(), "week", s.mail().report().isoWeek(), "subject",
                    s.mail().subject()));
        }
        if (outcome instanceof WeeklySendNow.Outcome.TooSoon t) {
            return problem(HttpStatus.TOO_MANY_REQUESTS, "Sent a moment ago", "Send it again after " + t.next() + ".");
        }
        if (outcome instanceof WeeklySendNow.Outcome.NoAddress) {
            return problem(HttpStatus.CONFLICT, "No address", "You have no mail address in Genjin.");
        }
        if (outcome instanceof WeeklySendNow.Outcome.NoMailServer) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "No mail server",
                    "No mail server is configured (spring.mail.host).");
        }
        return problem(HttpStatus.BAD_GATEWAY, "The mail server did not take it",
                ((WeeklySendNow.Outcome.Failed) outcome).reason());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return ResponseEntity.status(status).body(p);
    }

    @ExceptionHandler(NotForReps.class)
    ProblemDetail notForReps(NotForReps e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Not your report");
        return problem;
    }
}
