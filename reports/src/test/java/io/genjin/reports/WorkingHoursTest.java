package io.genjin.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WorkingHoursTest {
    private final WorkingHours shanghai = WorkingHours.officeWeek(ZoneId.of("Asia/Shanghai"));

    @Test
    void aMailAnsweredTheSameAfternoonCountsItsWallClockTime() {
        // 10:00 to 15:30 Shanghai time on a Wednesday
        assertThat(shanghai.between(Instant.parse("2026-12-02T02:00:00Z"), Instant.parse("2026-12-02T07:30:00Z")))
                .isEqualTo(Duration.ofMinutes(330));
    }

    @Test
    void aMailThatArrivedFridayNightAndWasAnsweredMondayMorningWaitedOneBusinessHour() {
        // Friday 22:00 to Monday 10:00 Shanghai time: the weekend and the nights do not count
        assertThat(shanghai.between(Instant.parse("2026-12-04T14:00:00Z"), Instant.parse("2026-12-07T02:00:00Z")))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anAnswerBeforeTheQuestionTakesNoTime() {
        assertThat(shanghai.between(Instant.parse("2026-12-02T07:00:00Z"), Instant.parse("2026-12-02T06:00:00Z")))
                .isZero();
    }
}
