package io.genjin.reports.weekly;

import io.genjin.reports.Period;
import io.genjin.reports.ReportService;
import io.genjin.reports.ReportService.Figures;
import io.genjin.reports.weekly.WeeklyReport.DayPair;
import io.genjin.reports.weekly.WeeklyReport.Dormant;
import io.genjin.reports.weekly.WeeklyReport.Figure;
import io.genjin.reports.weekly.WeeklyReport.Format;
import io.genjin.reports.weekly.WeeklyReport.RepLine;
import io.genjin.store.access.Viewer;
import io.genjin.store.customer.Grade;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Puts together one manager's weekly report from the report API's answers (activity for the week
 * and for the week before, coverage for grade A), for exactly the scope the API gives that manager
 * with no team or rep asked for: their team(s) and the people reporting to them.
 */
public final class SummariseWeek {
    /** How many reps each end of the ranking lists, and how many silent customers the mail names. */
    static final int RANKED = 3;
    static final int DORMANT_LISTED = 10;

    private final ReportService reports;

    public SummariseWeek(ReportService reports) {
        this.reports = reports;
    }

    /** The week that begins on the Monday on or before {@code day}, for {@code manager}. */
    public WeeklyReport of(User manager, LocalDate day) {
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        ReportService.Scope scope = reports.scope(Viewer.of(manager), null, null);
        Period week = reports.period("week", monday, null, null);
        ReportService.Activity now = reports.activity(scope, week, ReportService.Filter.NONE);
        ReportService.Activity before = reports.activity(scope, week.previous(), ReportService.Filter.NONE);
        ReportService.CoverageReport coverage = reports.coverage(scope, week,
                new ReportService.Filter(Set.of(Grade.A), Set.of(), Set.of()));

        List<DayPair> daily = new ArrayList<>();
        for (int i = 0; i < now.daily().size(); i++) {
            daily.add(new DayPair(now.daily().get(i).date(), now.daily().get(i).sent(),
                    i < before.daily().size() ? before.daily().get(i).sent() : 0));
        }
        Set<String> reps = scope.users().stream().filter(u -> u.role() == Role.REP && !u.id().equals(manager.id()))
                .map(User::id).collect(Collectors.toSet());
        List<RepLine> lines = now.reps().stream().filter(r -> reps.contains(r.userId()))
                .map(r -> new RepLine(r.userId(), r.name(), r.current().customersTouched(), r.current().sent().customer(),
                        r.previous().customersTouched()))
                .sorted(BEST_FIRST).toList();
        int topCount = Math.min(RANKED, (lines.size() + 1) / 2);
        List<RepLine> top = lines.subList(0, topCount);
        List<RepLine> bottom = new ArrayList<>(lines.subList(Math.max(topCount, lines.size() - RANKED), lines.size()));
        java.util.Collections.reverse(bottom);
        int dormantA = coverage.silent().d30() + coverage.silent().d60() + coverage.silent().d90();
        List<Dormant> dormant = coverage.silentCustomers().stream().limit(DORMANT_LISTED)
                .map(s -> new Dormant(s.companyId(), s.name(), s.silentDays())).toList();
        return new WeeklyReport(manager.id(), manager.name(), monday, reports.zone().getId(),
                figures(now.total(), now.totalPrevious()), List.copyOf(daily), lines, List.copyOf(top), List.copyOf(bottom),
                dormantA, dormant);
    }

    /** Customers touched, then customer mail sent, more first; then by name. */
    static final Comparator<RepLine> BEST_FIRST = Comparator.comparingInt(RepLine::customersTouched).reversed()
            .thenComparing(Comparator.comparingInt(RepLine::sentToCustomers).reversed())
            .thenComparing(RepLine::name).thenComparing(RepLine::userId);

    private record Spec(String key, String drill, Format format, Function<Figures, Number> value) {
    }

    /** The headline figures, in the mail's order; the keys are the report API's paths. */
    private static final List<Spec> SPECS = List.of(
            new Spec("sent.total", "sent.total", Format.COUNT, f -> f.sent().total()),
            new Spec("received.total", "received.total", Format.COUNT, f -> f.received().total()),
            new Spec("customersTouched", "customersTouched", Format.COUNT, Figures::customersTouched),
            new Spec("newCustomers", "newCustomers", Format.COUNT, Figures::newCustomers),
            new Spec("firstResponse.medianMinutes", "firstResponse.answered", Format.MINUTES,
                    f -> f.firstResponse().medianMinutes()),
            new Spec("firstResponse.within24h", "firstResponse.answered", Format.SHARE, f -> f.firstResponse().within24h()),
            new Spec("quotationsSent", "quotationsSent", Format.COUNT, Figures::quotationsSent),
            new Spec("quoteOpens.humanOpenRate", "quoteOpens.humanOpened", Format.SHARE,
                    f -> f.quoteOpens().humanOpenRate()),
            new Spec("tasks.done", "tasks.done", Format.COUNT, f -> f.tasks().done()),
            new Spec("tasks.overdue", "tasks.overdue", Format.COUNT, f -> f.tasks().overdue()));

    /** The figure keys, in order. */
    public static List<String> figureKeys() {
        return SPECS.stream().map(Spec::key).toList();
    }

    static List<Figure> figures(Figures current, Figures previous) {
        return SPECS.stream().map(s -> new Figure(s.key(), s.drill(), s.format(), number(s.value().apply(current)),
                number(s.value().apply(previous)))).toList();
    }

    private static Double number(Number n) {
        return n == null ? null : n.doubleValue();
    }

    /** Figures by key, for a template. */
    public static Map<String, Figure> byKey(WeeklyReport report) {
        return report.figures().stream().collect(Collectors.toMap(Figure::key, f -> f, (a, b) -> a,
                java.util.LinkedHashMap::new));
    }
}
