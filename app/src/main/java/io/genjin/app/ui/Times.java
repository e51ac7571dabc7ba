package io.genjin.app.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Shows instants in the UI's zone; the same numeric form reads naturally in English and Chinese. */
public final class Times {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private final ZoneId zone;

    Times(ZoneId zone) {
        this.zone = zone;
    }

    public String dateTime(Instant at) {
        return at == null ? "—" : DATE_TIME.format(at.atZone(zone));
    }

    public String date(Instant at) {
        return at == null ? "—" : DATE.format(at.atZone(zone));
    }

    /** Nine in the morning of that day, where the user works: when a dated follow-up falls due. */
    public Instant morningOf(java.time.LocalDate day) {
        return day.atTime(9, 0).atZone(zone).toInstant();
    }

    /** Machine-readable, for the {@code datetime} attribute of {@code <time>}. */
    public String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
