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
import org.springframework.web.bind.annotation.RequestParam;
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

    @GetMapping({"/api/reports/activity", "/reports/data/activity"})
    ReportService.Activity activity(@AuthenticationPrincipal SignedIn me,
            @RequestParam(defaultValue = "week") String period,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String team, @RequestParam(required = false) String rep,
            @RequestParam(required = false) List<String> grade, @RequestParam(required = false) List<String> country,
            @RequestParam(required = false) List<String> stage) {
        Period p = reports.period(period, date, from, to);
        ReportService.Filter filter = ReportService.Filter.parse(grade, country, stage);
        return reports.activity(reports.scope(me.viewer(), team, rep), p, filter);
    }

    @GetMapping({"/api/reports/items", "/reports/data/items"})
    ReportService.Items items(@AuthenticationPrincipal SignedIn me,
            @RequestParam(defaultValue = "week") String period,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String team, @RequestParam(required = false) String rep,
            @RequestParam(required = false) List<String> grade, @RequestParam(required = false) List<String> country,
            @RequestParam(required = false) List<String> stage, @RequestParam(required = false) String figure,
            @RequestParam(required = false) String side, @RequestParam(defaultValue = "100") int limit,
            @RequestParam(required = false) String after, @RequestParam(required = false) Integer window,
            @RequestParam(required = false) String currency) {
        if (side != null && !side.equals("previous") && !side.equals("current")) {
            throw new Invalid("side is previous (or current, the default)");
        }
        Period p = reports.period(period, date, from, to);
        ReportService.Filter filter = ReportService.Filter.parse(grade, country, stage);
        return reports.items(reports.scope(me.viewer(), team, rep), p, filter, figure, "previous".equals(side), limit, after,
                date, window, currency);
    }

    @GetMapping({"/api/reports/funnel", "/reports/data/funnel"})
    ReportService.FunnelReport funnel(@AuthenticationPrincipal SignedIn me,
            @RequestParam(defaultValue = "week") String period,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String team, @RequestParam(required = false) String rep,
            @RequestParam(required = false) List<String> grade, @RequestParam(required = false) List<String> country,
            @RequestParam(required = false) List<String> stage) {
        Period p = reports.period(period, date, from, to);
        ReportService.Filter filter = ReportService.Filter.parse(grade, country, stage);
        return reports.funnel(reports.scope(me.viewer(), team, rep), p, filter);
    }

    @GetMapping({"/api/reports/coverage", "/reports/data/coverage"})
    ReportService.CoverageReport coverage(@AuthenticationPrincipal SignedIn me,
            @RequestParam(defaultValue = "week") String period,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String team, @RequestParam(required = false) String rep,
            @RequestParam(required = false) List<String> grade, @RequestParam(required = false) List<String> country,
            @RequestParam(required = false) List<String> stage) {
        Period p = reports.period(period, date, from, to);
        ReportService.Filter filter = ReportService.Filter.parse(grade, country, stage);
        return reports.coverage(reports.scope(me.viewer(), team, rep), p, filter);
    }

    @GetMapping({"/api/reports/rfm", "/reports/data/rfm"})
    ReportService.RfmReport rfm(@AuthenticationPrincipal SignedIn me,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) Integer window, @RequestParam(required = false) String currency,
            @RequestParam(required = false) String team, @RequestParam(required = false) String rep,
            @RequestParam(required = false) List<String> grade, @RequestParam(required = false) List<String> country,
            @RequestParam(required = false) List<String> stage) {
        ReportService.Filter filter = ReportService.Filter.parse(grade, country, stage);
        return reports.rfm(reports.scope(me.viewer(), team, rep), date, window, currency, filter);
    }

    @ExceptionHandler(ReportService.NotAllowed.class)
    ProblemDetail notAllowed(ReportService.NotAllowed e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Not your report");
        return problem;
    }
}
