package io.genjin.app.reports;

import io.genjin.reports.ReportService;
import io.genjin.reports.ReportService.Figures;
import io.genjin.reports.export.Cell;
import io.genjin.reports.export.Column;
import io.genjin.reports.export.Table;
import io.genjin.store.customer.Company;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The columns of the report exports (docs/exports.md), one table per list a report answers with.
 * Each number is the JSON answer's, unrounded: counts, minutes, and shares as fractions (0.5), so a
 * spreadsheet formats and sums them. Headers are message keys; a key ending in {@value #PREVIOUS}
 * is the same figure for the previous period, which {@link #label} writes as "… (previous period)".
 */
final class ReportTables {
    static final String PREVIOUS = "@previous";

    /** The figures of the activity report, in the dashboard's order; the key names the figure in the JSON answer. */
    private static final List<Figure> FIGURES = List.of(
            new Figure("sent.total", f -> f.sent().total()),
            new Figure("sent.customer", f -> f.sent().customer()),
            new Figure("sent.otherExternal", f -> f.sent().otherExternal()),
            new Figure("sent.internal", f -> f.sent().internal()),
            new Figure("received.total", f -> f.received().total()),
            new Figure("received.customer", f -> f.received().customer()),
            new Figure("received.otherExternal", f -> f.received().otherExternal()),
            new Figure("received.internal", f -> f.received().internal()),
            new Figure("customersTouched", Figures::customersTouched),
            new Figure("newCustomers", Figures::newCustomers),
            new Figure("newLeads", Figures::newLeads),
            new Figure("firstResponse.answered", f -> f.firstResponse().answered()),
            new Figure("firstResponse.unanswered", f -> f.firstResponse().unanswered()),
            new Figure("firstResponse.medianMinutes", f -> f.firstResponse().medianMinutes()),
            new Figure("firstResponse.p90Minutes", f -> f.firstResponse().p90Minutes()),
            new Figure("firstResponse.medianBusinessMinutes", f -> f.firstResponse().medianBusinessMinutes()),
            new Figure("firstResponse.p90BusinessMinutes", f -> f.firstResponse().p90BusinessMinutes()),
            new Figure("firstResponse.within24h", f -> f.firstResponse().within24h()),
            new Figure("quotationsSent", Figures::quotationsSent),
            new Figure("quoteOpens.quotations", f -> f.quoteOpens().quotations()),
            new Figure("quoteOpens.humanOpened", f -> f.quoteOpens().humanOpened()),
            new Figure("quoteOpens.humanOpenRate", f -> f.quoteOpens().humanOpenRate()),
            new Figure("quoteOpens.machineOpens", f -> f.quoteOpens().machineOpens()),
            new Figure("tasks.due", f -> f.tasks().due()),
            new Figure("tasks.done", f -> f.tasks().done()),
            new Figure("tasks.overdue", f -> f.tasks().overdue()),
            new Figure("escalations", Figures::escalations));

    /** @param path the figure's place in the JSON answer ({@code sent.customer}) and, prefixed, its label's key */
    record Figure(String path, Function<Figures, Number> value) {
    }

    private final ZoneId zone;
    private final Function<String, String> text;
    private final Function<String, String> userName;
    private final boolean chinese;

    /**
     * @param text     a message key to text in the reader's language
     * @param userName a user's id to their name
     */
    ReportTables(ZoneId zone, Function<String, String> text, Function<String, String> userName, Locale locale) {
        this.zone = zone;
        this.text = text;
        this.userName = userName;
        this.chinese = locale.getLanguage().equals("zh");
    }

    static List<String> figurePaths() {
        return FIGURES.stream().map(Figure::path).toList();
    }

    /** Headers and labels: a message key, or a figure's key with {@value #PREVIOUS} for its previous period. */
    String label(String key) {
        if (key.endsWith(PREVIOUS)) {
            return text.apply(key.substring(0, key.length() - PREVIOUS.length())) + text.apply("export.report.previousSuffix");
        }
        return text.apply(key);
    }

    /** Each rep, then the scope's total (the team counted once): every figure, this period and the one before. */
    Table<ReportService.RepFigures> activityReps() {
        List<Column<ReportService.RepFigures>> columns = new ArrayList<>();
        columns.add(Column.of("reports.col.rep", r -> Cell.text(r.name())));
        for (Figure f : FIGURES) {
            columns.add(Column.of("reports.figure." + f.path(), r -> number(f.value().apply(r.current()))));
            columns.add(Column.of("reports.figure." + f.path() + PREVIOUS, r -> number(f.value().apply(r.previous()))));
        }
        columns.add(Column.of("export.report.col.userId", r -> Cell.text(r.userId())));
        return new Table<>(text.apply("export.report.sheet.reps"), columns);
    }

    /** The total row of {@link #activityReps}: no user, named "team total". */
    ReportService.RepFigures total(ReportService.Activity a) {
        return new ReportService.RepFigures(null, text.apply("export.report.total"), a.total(), a.totalPrevious());
    }

    Table<ReportService.Day> activityDaily() {
        return new Table<>(text.apply("export.report.sheet.daily"), List.of(
                Column.of("reports.col.day", d -> Cell.date(d.date())),
                Column.of("reports.series.sent", d -> Cell.number(d.sent())),
                Column.of("reports.series.received", d -> Cell.number(d.received())),
                Column.of("reports.series.quotations", d -> Cell.number(d.quotationsSent()))));
    }

    Table<ReportService.FunnelStage> funnel() {
        return new Table<>(text.apply("export.report.sheet.funnel"), List.of(
                Column.of("reports.col.stage", s -> Cell.text(text.apply("stage." + s.stage().toUpperCase(Locale.ROOT)))),
                Column.of("reports.col.reached", s -> Cell.number(s.reached())),
                Column.of("reports.col.conversion", s -> number(s.conversion())),
                Column.of("reports.col.daysInStage", s -> number(s.medianDaysInStage())),
                Column.of("export.report.col.stageKey", s -> Cell.text(s.stage()))));
    }

    Table<ReportService.RepCoverageView> coverageReps() {
        return new Table<>(text.apply("export.report.sheet.coverage"), List.of(
                Column.of("reports.col.rep", r -> Cell.text(r.name())),
                Column.of("reports.col.abCustomers", r -> Cell.number(r.abCustomers())),
                Column.of("reports.col.twoWay", r -> Cell.number(r.twoWay())),
                Column.of("reports.series.coverage", r -> number(r.coverage())),
                Column.of("export.report.col.userId", r -> Cell.text(r.userId()))));
    }

    Table<ReportService.SilentCustomer> silent() {
        return new Table<>(text.apply("export.report.sheet.silent"), List.of(
                Column.of("reports.col.customer", s -> Cell.text(s.name())),
                Column.of("export.col.grade", s -> Cell.text(s.grade())),
                Column.of("export.col.owner", s -> owner(s.ownerId())),
                Column.of("reports.col.silentDays", s -> Cell.number(s.silentDays())),
                Column.of("export.report.col.band", s -> Cell.number(s.band())),
                Column.of("export.col.customerId", s -> Cell.text(s.companyId()))));
    }

    Table<Company> pool() {
        return new Table<>(text.apply("export.report.sheet.pool"), List.of(
                Column.of("reports.col.customer", c -> Cell.text(c.name())),
                Column.of("export.col.country", c -> Cell.text(c.country())),
                Column.of("export.col.grade", c -> Cell.text(c.grade().name())),
                Column.of("export.col.stage", c -> Cell.text(text.apply("stage." + c.stage()))),
                Column.of("export.col.lastInbound", c -> time(c.lastInboundAt())),
                Column.of("export.col.lastOutbound", c -> time(c.lastOutboundAt())),
                Column.of("export.col.created", c -> time(c.createdAt())),
                Column.of("export.col.customerId", c -> Cell.text(c.id()))));
    }

    Table<ReportService.SegmentView> segments(String currency) {
        return new Table<>(text.apply("export.report.sheet.segments"), List.of(
                Column.of("reports.col.segment", s -> Cell.text(chinese ? s.label() : s.labelEn())),
                Column.of("reports.series.customers", s -> Cell.number(s.customers())),
                Column.of("export.report.col.monetary", s -> number(s.monetary())),
                Column.of("export.col.currency", s -> Cell.text(currency)),
                Column.of("export.report.col.segmentKey", s -> Cell.text(s.segment()))));
    }

    Table<ReportService.CountryView> countries(String currency) {
        return new Table<>(text.apply("export.report.sheet.countries"), List.of(
                Column.of("export.col.country", c -> Cell.text(c.country())),
                Column.of("reports.series.customers", c -> Cell.number(c.customers())),
                Column.of("reports.col.orders", c -> Cell.number(c.orders())),
                Column.of("export.col.amount", c -> number(c.amount())),
                Column.of("export.col.currency", c -> Cell.text(currency))));
    }

    /** The items behind a figure, as the drill-down lists them. */
    Table<ReportService.ItemView> items() {
        return new Table<>(text.apply("export.report.sheet.items"), List.of(
                Column.of("export.report.col.kind", i -> Cell.text(text.apply("reports.kind." + i.kind()))),
                Column.of("reports.items.col.when", i -> time(i.at())),
                Column.of("reports.items.col.what", i -> Cell.text(i.subject() != null ? i.subject() : i.title())),
                Column.of("reports.col.customer", i -> Cell.text(i.kind().equals("customer") ? i.name() : i.companyName())),
                Column.of("reports.col.rep", i -> i.userId() == null ? Cell.EMPTY : Cell.text(userName.apply(i.userId()))),
                Column.of("export.col.grade", i -> Cell.text(i.grade())),
                Column.of("export.col.country", i -> Cell.text(i.country())),
                Column.of("export.col.owner", i -> i.kind().equals("customer") ? owner(i.ownerId()) : Cell.EMPTY),
                Column.of("export.report.col.due", i -> time(i.dueAt())),
                Column.of("export.report.col.link", i -> Cell.text(i.url())),
                Column.of("export.report.col.id", i -> Cell.text(i.id()))));
    }

    private Cell owner(String userId) {
        return userId == null ? Cell.text(text.apply("export.pool")) : Cell.text(userName.apply(userId));
    }

    private Cell time(Instant at) {
        return at == null ? Cell.EMPTY : Cell.dateTime(at.atZone(zone).toLocalDateTime());
    }

    /** A figure as the JSON has it; a figure with nothing to measure (a median of no answers) is an empty cell. */
    private static Cell number(Number value) {
        if (value == null) {
            return Cell.EMPTY;
        }
        if (value instanceof Double d) {
            return Cell.number(BigDecimal.valueOf(d));
        }
        return Cell.number(value.longValue());
    }
}
