package io.genjin.followup.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Days as the team reads them: ISO dates in the team's zone, the same in 中文 and English. */
final class Dates {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private Dates() {
    }

    static String day(Instant at, ZoneId zone) {
        return at == null ? "-" : DAY.format(at.atZone(zone));
    }
}
