package io.genjin.followup.sequence;

import io.genjin.followup.sequence.Sequence.SendWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Window arithmetic in the recipient's zone: is now inside it, and when does it next open. */
final class SendTimes {
    private SendTimes() {
    }

    static boolean inside(SendWindow window, ZoneId zone, Instant at) {
        ZonedDateTime local = at.atZone(zone);
        return window.days().contains(local.getDayOfWeek()) && !local.toLocalTime().isBefore(window.start())
                && local.toLocalTime().isBefore(window.end());
    }

    /** {@code at} itself when inside the window, else the next opening. */
    static Instant nextOpening(SendWindow window, ZoneId zone, Instant at) {
        if (inside(window, zone, at)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalDate();
        if (!local.toLocalTime().isBefore(window.start())) {
            day = day.plusDays(1);
        }
        for (int i = 0; i < 8; i++, day = day.plusDays(1)) {
            if (window.days().contains(day.getDayOfWeek())) {
                return day.atTime(window.start()).atZone(zone).toInstant();
            }
        }
        throw new IllegalStateException("a send window without days");
    }

    /** The window's opening on the first allowed day after the given local day. */
    static Instant openingAfter(SendWindow window, ZoneId zone, LocalDate day) {
        return nextOpening(window, zone, day.plusDays(1).atStartOfDay(zone).toInstant());
    }
}
