package io.genjin.app.reports;

import io.genjin.app.export.Downloads;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.reports.Period;
import io.genjin.reports.ReportService;
import io.genjin.reports.export.ExportFormat;
import io.genjin.reports.export.Table;
import io.genjin.store.CrmStore;
import io.genjin.store.Invalid;
import io.genjin.store.user.User;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.context.MessageSource;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every report as CSV or XLSX (docs/exports.md): {@code /api/reports/{report}.{csv|xlsx}}, and the
 * same under {@code /reports/data/} for the dashboards' session. The query parameters, their checks
 * and the scope are the JSON API's ({@link ReportsApi.Params}): the figures are computed by the same
 * calls, so a file says what the dashboard says, and asking for a team or rep out of scope is 403
 * before a byte is written. An XLSX holds each of the report's tables as a sheet; a CSV holds one
 * table, the first unless {@code part} names another. Every export is audited.
 */
@ConditionalOnRole(Roles.API)
@RestController
class ReportExportApi {
    /** The tables of each report, the first being what a CSV holds by default. */
    static final Map<String, List<String>> PARTS = Map.of(
            "activity", List.of("reps", "daily"),
            "funnel", List.of("stages"),
            "coverage", List.of("reps", "silent", "pool"),
            "rfm", List.of("segments", "countries"),
            "items", List.of("items"));

    private final ReportsApi api;
    private final ReportService reports;
    private final CrmStore store;
    private final MessageSource messages;

    ReportExportApi(ReportsApi api, ReportService reports, CrmStore store, MessageSource messages) {
        this.api = api;
        this.reports = reports;
        this.store = store;
        this.messages = messages;
    }

    @GetMapping({"/api/reports/activity.{format}", "/reports/data/activity.{format}"})
    void activity(@AuthenticationPrincipal SignedIn me, @PathVariable String format, ReportsApi.Params q,
            @RequestParam(required = false) String part, @RequestParam(required = false) String lang,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        Export export = start("activity", me, format, part, lang, request);
        ReportService.Activity a = api.activity(me, q);
        ReportTables t = export.tables();
        List<ReportService.RepFigures> reps = new java.util.ArrayList<>(a.reps());
        reps.add(t.total(a));
        write(export, response, fileName(a.period().from(), a.period().to()), Map.of(
                "reps", t.activityReps().with(reps.stream()),
                "daily", t.activityDaily().with(a.daily().stream())), q);
    }

    @GetMapping({"/api/reports/funnel.{format}", "/reports/data/funnel.{format}"})
    void funnel(@AuthenticationPrincipal SignedIn me, @PathVariable String format, ReportsApi.Params q,
            @RequestParam(required = false) String part, @RequestParam(required = false) String lang,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        Export export = start("funnel", me, format, part, lang, request);
        ReportService.FunnelReport f = api.funnel(me, q);
        write(export, response, fileName(f.period().from(), f.period().to()),
                Map.of("stages", export.tables().funnel().with(f.stages().stream())), q);
    }

    @GetMapping({"/api/reports/coverage.{format}", "/reports/data/coverage.{format}"})
    void coverage(@AuthenticationPrincipal SignedIn me, @PathVariable String format, ReportsApi.Params q,
            @RequestParam(required = false) String part, @RequestParam(required = false) String lang,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        Export export = start("coverage", me, format, part, lang, request);
        ReportService.CoverageReport c = api.coverage(me, q);
        ReportService.Scope scope = q.scope(reports, me);
        ReportService.Filter filter = q.filter();
        ReportTables t = export.tables();
        // The report lists the first 100 silent customers; the file has every one, and the pool's
        // customers. Each list is made only when its sheet is written (a CSV of the reps makes neither).
        write(export, response, fileName(c.period().from(), c.period().to()), Map.of(
                "reps", t.coverageReps().with(c.reps().stream()),
                "silent", t.silent().with(Stream.of(scope).flatMap(s -> reports.silentCustomers(s, filter).stream())),
                "pool", t.pool().with(Stream.of(filter).flatMap(f -> reports.publicPool(f).stream()))), q);
    }

    @GetMapping({"/api/reports/rfm.{format}", "/reports/data/rfm.{format}"})
    void rfm(@AuthenticationPrincipal SignedIn me, @PathVariable String format, ReportsApi.Params q,
            @RequestParam(required = false) String part, @RequestParam(required = false) String lang,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        Export export = start("rfm", me, format, part, lang, request);
        ReportService.RfmReport r = api.rfm(me, q);
        ReportTables t = export.tables();
        write(export, response, fileName(r.date().minusDays(r.windowDays() - 1L), r.date()), Map.of(
                "segments", t.segments(r.currency()).with(r.segments().stream()),
                "countries", t.countries(r.currency()).with(r.countries().stream())), q);
    }

    /** Every item behind a figure ({@code limit} and {@code after} page the JSON answer; the file has them all). */
    @GetMapping({"/api/reports/items.{format}", "/reports/data/items.{format}"})
    void items(@AuthenticationPrincipal SignedIn me, @PathVariable String format, ReportsApi.Params q,
            @RequestParam(required = false) String part, @RequestParam(required = false) String lang,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        Export export = start("items", me, format, part, lang, request);
        boolean previousSide = q.previousSide();
        Period period = q.period(reports);
        ReportService.AllItems all = reports.allItems(q.scope(reports, me), period, q.filter(), q.figure(), previousSide,
                q.date(), q.window(), q.currency());
        Period p = previousSide ? period.previous() : period;
        write(export, response, q.figure() + "-" + fileName(p.first(), p.last()),
                Map.of("items", export.tables().items().with(all.items())), q);
    }

    @ExceptionHandler(ReportService.NotAllowed.class)
    ProblemDetail notAllowed(ReportService.NotAllowed e) {
        return api.notAllowed(e);
    }

    private static String fileName(LocalDate from, LocalDate to) {
        return from.equals(to) ? from.toString() : from + "_" + to;
    }

    /** The checks that need no report, made before it is computed. */
    private Export start(String report, SignedIn me, String extension, String part, String lang,
            HttpServletRequest request) {
        ExportFormat format = Downloads.format(extension);
        List<String> parts = PARTS.get(report);
        if (part != null && !part.isBlank() && !parts.contains(part)) {
            throw new Invalid("part of the " + report + " report is one of " + parts + ", not " + part);
        }
        List<String> chosen = part != null && !part.isBlank() ? List.of(part)
                : format == ExportFormat.CSV ? List.of(parts.get(0)) : parts;
        Locale locale = Downloads.locale(me, lang, request);
        Function<String, String> text = key -> messages.getMessage(key, null, key, locale);
        return new Export(report, me, format, chosen, new ReportTables(reports.zone(), text, names(), locale), text);
    }

    private record Export(String report, SignedIn me, ExportFormat format, List<String> parts, ReportTables tables,
            Function<String, String> text) {
    }

    /**
     * @param stem   the file name after the report's name: the period, and for items the figure
     * @param tables every table of the report by part; those not asked for are closed unread
     */
    private void write(Export e, HttpServletResponse response, String stem, Map<String, Table.Filled<?>> tables,
            ReportsApi.Params q) throws IOException {
        // A file of one table that is not the report's first says which it is: coverage-silent-….csv.
        String suffix = e.parts().size() == 1 && !e.parts().get(0).equals(PARTS.get(e.report()).get(0))
                ? "-" + e.parts().get(0) : "";
        Downloads.start(response, e.format(), e.text().apply("export.report.file." + e.report()) + suffix + "-" + stem,
                e.report() + suffix + "-" + stem);
        boolean complete = false;
        try {
            List<Table.Filled<?>> chosen = e.parts().stream().<Table.Filled<?>>map(tables::get).toList();
            if (chosen.size() == 1) {
                writeOne(chosen.get(0), e, response);
            } else {
                ExportFormat.writeWorkbook(chosen, e.tables()::label, response.getOutputStream());
            }
            complete = true;
        } finally {
            tables.values().forEach(t -> t.rows().close());
            Map<String, String> details = new LinkedHashMap<>();
            details.put("format", e.format().extension());
            details.put("parts", String.join(",", e.parts()));
            details.put("complete", Boolean.toString(complete));
            put(details, "period", q.period());
            put(details, "date", q.date());
            put(details, "from", q.from());
            put(details, "to", q.to());
            put(details, "team", q.team());
            put(details, "rep", q.rep());
            put(details, "figure", q.figure());
            store.audit().record(e.me().userId(), "export.report." + e.report(), "report", e.report(), details);
        }
    }

    private static <T> void writeOne(Table.Filled<T> filled, Export e, HttpServletResponse response) throws IOException {
        filled.table().write(e.format(), e.tables()::label, filled.rows(), response.getOutputStream());
    }

    private static void put(Map<String, String> details, String key, Object value) {
        if (value != null) {
            details.put(key, value.toString());
        }
    }

    /** Users' names, each read once per export: there are a few dozen users, not thousands. */
    private Function<String, String> names() {
        Map<String, String> known = new HashMap<>();
        return id -> known.computeIfAbsent(id, k -> store.users().find(k).map(User::name).orElse(k));
    }
}
