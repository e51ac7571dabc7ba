package io.genjin.reports.weekly;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;

/**
 * What one manager's weekly report mail says (docs/reports.md, "The weekly report mail"): the week
 * against the week before, the best and the quietest reps, and the A customers gone silent. Every
 * number comes from the report API's own answers for the same scope and week, so a click on it opens
 * a dashboard showing the same number.
 *
 * @param week      the Monday the reported week begins (in the team's zone)
 * @param figures   the headline figures, in the order the mail lists them
 * @param daily     mail sent per weekday, this week and the week before (Monday first)
 * @param reps      every rep in scope with the ranking measure, this week and the week before
 * @param top       the best reps by the ranking measure, best first
 * @param bottom    the reps at the other end, quietest first (never one already in {@code top})
 * @param dormantA  how many grade-A customers have been silent 30 days or more
 * @param dormant   the first of them, longest silent first
 */
public record WeeklyReport(String managerId, String managerName, LocalDate week, String zone, List<Figure> figures,
        List<DayPair> daily, List<RepLine> reps, List<RepLine> top, List<RepLine> bottom, int dormantA,
        List<Dormant> dormant) {

    /** The ISO week, such as {@code 2026-W48}: the key a sent mail is remembered by. */
    public String isoWeek() {
        return isoWeek(week);
    }

    public static String isoWeek(LocalDate day) {
        return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public LocalDate lastDay() {
        return week.plusDays(6);
    }

    public LocalDate previousWeek() {
        return week.minusDays(7);
    }

    /** How a figure is written: a count, minutes, or a share between 0 and 1. */
    public enum Format {
        COUNT, MINUTES, SHARE
    }

    /**
     * One headline figure. {@code current} or {@code previous} is null when there is nothing to
     * measure (no answered wait, no tracked quotation).
     *
     * @param key   the figure's path in the report API's {@code total} (and its message key)
     * @param drill the figure whose items are behind it ({@code /reports/items?figure=})
     */
    public record Figure(String key, String drill, Format format, Double current, Double previous) {
        /** The change from the previous week, or null when either side is unknown. */
        public Double change() {
            return current == null || previous == null ? null : current - previous;
        }
    }

    public record DayPair(LocalDate day, int sent, int sentPreviousWeek) {
    }

    /**
     * A rep and the ranking measure: customers touched (customers written to or heard from), ties
     * broken by mail sent to customers, then by name.
     */
    public record RepLine(String userId, String name, int customersTouched, int sentToCustomers,
            int customersTouchedPrevious) {
    }

    public record Dormant(String companyId, String name, long silentDays) {
    }
}
