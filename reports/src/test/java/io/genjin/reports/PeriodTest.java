package io.genjin.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.reports.Period.Kind;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PeriodTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void aWeekRunsFromMondayToSundayAndTheWeekBeforeIsThePreviousPeriod() {
        Period week = Period.containing(Kind.WEEK, LocalDate.of(2026, 12, 2), SHANGHAI);
        assertThat(week.first()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(week.last()).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(week.previous().first()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(week.previous().last()).isEqualTo(LocalDate.of(2026, 11, 29));
    }

    @Test
    void theMonthBeforeMarchIsAllOfFebruary() {
        Period march = Period.containing(Kind.MONTH, LocalDate.of(2026, 3, 31), SHANGHAI);
        assertThat(march.previous()).isEqualTo(new Period(Kind.MONTH, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28), SHANGHAI));
    }

    @Test
    void aCustomRangeIsComparedWithAsManyDaysBeforeIt() {
        Period tenDays = Period.custom(LocalDate.of(2026, 11, 11), LocalDate.of(2026, 11, 20), SHANGHAI);
        assertThat(tenDays.previous().first()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(tenDays.previous().last()).isEqualTo(LocalDate.of(2026, 11, 10));
    }

    @Test
    void aDayIsMidnightToMidnightInTheTeamsZone() {
        Period day = Period.containing(Kind.DAY, LocalDate.of(2026, 12, 2), SHANGHAI);
        assertThat(day.contains(java.time.Instant.parse("2026-12-01T16:00:00Z"))).isTrue();
        assertThat(day.contains(java.time.Instant.parse("2026-12-01T15:59:59Z"))).isFalse();
        assertThat(day.contains(java.time.Instant.parse("2026-12-02T16:00:00Z"))).isFalse();
    }
}
