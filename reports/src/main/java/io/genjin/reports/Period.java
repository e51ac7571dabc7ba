package io.genjin.reports;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * A reporting period in a team's time zone: whole days from {@code first} to {@code last}
 * inclusive. Weeks start on Monday (ISO 8601, and how Chinese teams count 周). The previous
 * period is the same length immediately before, so a custom range compares like with like.
 */
public record Period(Kind kind, LocalDate first, LocalDate last, ZoneId zone) {

    public enum Kind { DAY, WEEK, MONTH, CUSTOM }

    public Period {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(zone, "zone");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("a period ends on or after its first day: " + first + " .. " + last);
        }
    }

    /** The day, week or month containing {@code day}. */
    public static Period containing(Kind kind, LocalDate day, ZoneId zone) {
        return switch (kind) {
            case DAY -> new Period(kind, day, day, zone);
            case WEEK -> {
                LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new Period(kind, monday, monday.plusDays(6), zone);
            }
            case MONTH -> new Period(kind, day.withDayOfMonth(1), day.with(TemporalAdjusters.lastDayOfMonth()), zone);
            case CUSTOM -> throw new IllegalArgumentException("a custom period names its first and last day");
        };
    }

    public static Period custom(LocalDate first, LocalDate last, ZoneId zone) {
        return new Period(Kind.CUSTOM, first, last, zone);
    }

    /** The period before this one: the previous day, week or calendar month, or as many days before. */
    public Period previous() {
        return switch (kind) {
            case DAY, WEEK, CUSTOM -> {
                long days = ChronoUnit.DAYS.between(first, last) + 1;
                yield new Period(kind, first.minusDays(days), first.minusDays(1), zone);
            }
            case MONTH -> containing(Kind.MONTH, first.minusMonths(1), zone);
        };
    }

    /** The first instant of the period (midnight of its first day in the zone). */
    public Instant start() {
        return first.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period. */
    public Instant end() {
        return last.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start()) && at.isBefore(end());
    }

    /**
     * {@link #contains} with the period's bounds worked out once: for a test of many instants (the
     * bounds go through the zone's rules each time they are asked for).
     */
    public java.util.function.Predicate<Instant> containing() {
        Instant start = start();
        Instant end = end();
        return at -> !at.isBefore(start) && at.isBefore(end);
    }
}
