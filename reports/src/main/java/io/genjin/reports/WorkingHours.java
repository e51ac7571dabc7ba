package io.genjin.reports;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

/**
 * A team's working week for business-hours figures: the days worked and the hours of a working day,
 * in the team's zone. Public holidays are not known to it; a reply across 国庆 counts those days as
 * working days, which overstates the business-hours figure rather than hiding a slow answer.
 */
public record WorkingHours(ZoneId zone, Set<DayOfWeek> days, LocalTime opens, LocalTime closes) {

    public WorkingHours {
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
        if (!closes.isAfter(opens)) {
            throw new IllegalArgumentException("a working day closes after it opens: " + opens + "-" + closes);
        }
    }

    /** Monday to Friday, 09:00 to 18:00. */
    public static WorkingHours officeWeek(ZoneId zone) {
        return new WorkingHours(zone, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0),
                LocalTime.of(18, 0));
    }

    /** The working time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate day = from.atZone(zone).toLocalDate();
        LocalDate lastDay = to.atZone(zone).toLocalDate();
        for (; !day.isAfter(lastDay); day = day.plusDays(1)) {
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            Instant open = day.atTime(opens).atZone(zone).toInstant();
            Instant close = day.atTime(closes).atZone(zone).toInstant();
            Instant a = from.isAfter(open) ? from : open;
            Instant b = to.isBefore(close) ? to : close;
            if (b.isAfter(a)) {
                total = total.plus(Duration.between(a, b));
            }
        }
        return total;
    }
}
