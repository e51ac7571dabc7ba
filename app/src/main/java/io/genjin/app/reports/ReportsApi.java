package io.genjin.app.reports;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.reports.Period;
import io.genjin.reports.ReportService;
import io.genjin.store.Invalid;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/reports/*}: the manager reports (docs/reports.md). A rep sees their own figures, a
 * manager their team(s) and its reps, an admin everyone; asking for more is 403, bad parameters 400.
 * The same answers under {@code /reports/data/*} for the dashboards, which call them with the page's
 * signed-in session (the {@code /api} door takes Bearer tokens only).
 */
@ConditionalOnRole(Roles.API)
@RestController
class ReportsApi {
    private final ReportService reports;

    ReportsApi(ReportService reports) {
        this.reports = reports;
    }

    /**
     * The query parameters every report takes (docs/reports.md): the period, the scope and the
     * filters; {@code items} and {@code rfm} read the rest.
     */
    record Params(String period, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, String team, String rep, List<String> grade,
            List<String> country, List<String> stage, String figure, String side, Integer limit, String after,
            Integer window, String currency) {

        Period period(ReportService reports) {
            return reports.period(period == null ? "week" : period, date, from, to);
        }

        ReportService.Filter filter() {
            return ReportService.Filter.parse(grade, country, stage);
        }

        ReportService.Scope scope(ReportService reports, SignedIn me) {
            return reports.scope(me.viewer(), team, rep);
        }

        /** {@code side=previous}: the items of the previous period; {@code current} (the default) this one's. */
        boolean previousSide() {
            if (side != null && !side.equals("previous") && !side.equals("current")) {
                throw new Invalid("side is previous (or current, the default)");
            }
            return "previous".equals(side);
        }
    }

    @GetMapping({"/api/reports/activity", "/reports/data/activity"})
    ReportService.Activity activity(@AuthenticationPrincipal SignedIn me, Params q) {
        Period p = q.period(reports);
        ReportService.Filter filter = q.filter();
        return reports.activity(q.scope(reports, me), p, filter);
    }

    @GetMapping({"/api/reports/items", "/reports/data/items"})
    ReportService.Items items(@AuthenticationPrincipal SignedIn me, Params q) {
        boolean previousSide = q.previousSide();
        Period p = q.period(reports);
        ReportService.Filter filter = q.filter();
        return reports.items(q.scope(reports, me), p, filter, q.figure(), previousSide,
                q.limit() == null ? 100 : q.limit(), q.after(), q.date(), q.window(), q.currency());
    }

    @GetMapping({"/api/reports/funnel", "/reports/data/funnel"})
    ReportService.FunnelReport funnel(@AuthenticationPrincipal SignedIn me, Params q) {
        Period p = q.period(reports);
        ReportService.Filter filter = q.filter();
        return reports.funnel(q.scope(reports, me), p, filter);
    }

    @GetMapping({"/api/reports/coverage", "/reports/data/coverage"})
    ReportService.CoverageReport coverage(@AuthenticationPrincipal SignedIn me, Params q) {
        Period p = q.period(reports);
        ReportService.Filter filter = q.filter();
        return reports.coverage(q.scope(reports, me), p, filter);
    }

    @GetMapping({"/api/reports/rfm", "/reports/data/rfm"})
    ReportService.RfmReport rfm(@AuthenticationPrincipal SignedIn me, Params q) {
        ReportService.Filter filter = q.filter();
        return reports.rfm(q.scope(reports, me), q.date(), q.window(), q.currency(), filter);
    }

    @ExceptionHandler(ReportService.NotAllowed.class)
    ProblemDetail notAllowed(ReportService.NotAllowed e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Not your report");
        return problem;
    }
}
