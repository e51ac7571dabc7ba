package io.genjin.reports.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.reports.Period;
import io.genjin.reports.WorkingHours;
import io.genjin.store.message.Direction;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FirstResponseTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final WorkingHours hours = WorkingHours.officeWeek(SHANGHAI);
    private final Period week = Period.containing(Period.Kind.WEEK, LocalDate.of(2026, 11, 30), SHANGHAI);

    @Test
    void aCustomerWhoWritesThreeTimesBeforeAnAnswerWaitedFromTheFirstMail() {
        var waits = ResponseTimes.of(List.of(
                in("acme", "2026-11-30T01:00:00Z", "li"),
                in("acme", "2026-11-30T02:00:00Z", "li"),
                in("acme", "2026-11-30T03:00:00Z", "li"),
                out("acme", "2026-11-30T05:00:00Z", "li")), hours);

        assertThat(waits.responses()).singleElement().satisfies(r -> {
            assertThat(r.inboundMails()).isEqualTo(3);
            assertThat(r.calendar()).isEqualTo(Duration.ofHours(4));
        });
        assertThat(waits.unanswered()).isEmpty();
    }

    @Test
    void theAnswerIsCreditedToWhoeverSentItNotToWhoReceivedTheMail() {
        var waits = ResponseTimes.of(List.of(
                in("acme", "2026-11-30T01:00:00Z", "li"),
                out("acme", "2026-11-30T02:00:00Z", "wang")), hours);

        Map<String, FirstResponse> perUser = FirstResponse.perUser(waits, week, Instant.parse("2026-12-07T00:00:00Z"));

        assertThat(perUser).containsOnlyKeys("wang");
        assertThat(perUser.get("wang").answered()).isEqualTo(1);
    }

    @Test
    void mailTheTeamSendsUnpromptedAndInternalMailOpenAndCloseNothing() {
        var waits = ResponseTimes.of(List.of(
                out("acme", "2026-11-30T01:00:00Z", "li"),
                new MailEvent("acme", Instant.parse("2026-11-30T02:00:00Z"), Direction.INTERNAL, "li"),
                in("acme", "2026-11-30T03:00:00Z", "li")), hours);

        assertThat(waits.responses()).isEmpty();
        assertThat(waits.unanswered()).singleElement().satisfies(u -> assertThat(u.receivedBy()).isEqualTo("li"));
    }

    @Test
    void medianAndP90InterpolateLikeExcelAndBusinessTimeSkipsTheWeekend() {
        var waits = ResponseTimes.of(List.of(
                in("a", "2026-11-30T01:00:00Z", "li"), out("a", "2026-11-30T02:00:00Z", "li"),   // 1 h
                in("b", "2026-11-30T01:00:00Z", "li"), out("b", "2026-11-30T04:00:00Z", "li"),   // 3 h
                // Friday 17:00 Shanghai to Monday 10:00: 65 h on the calendar, 2 business hours
                in("c", "2026-12-04T09:00:00Z", "li"), out("c", "2026-12-07T02:00:00Z", "li")), hours);

        FirstResponse team = FirstResponse.ofTeam(waits, week, Instant.parse("2026-12-08T00:00:00Z"));

        assertThat(team.answered()).isEqualTo(3);
        assertThat(team.median()).contains(Duration.ofHours(3));
        // PERCENTILE.INC({1,3,65}, 0.9) = 3 + 0.8 * (65 - 3) = 52.6 h
        assertThat(team.p90()).contains(Duration.ofMinutes(52 * 60 + 36));
        assertThat(team.businessMedian()).contains(Duration.ofHours(2));
        assertThat(team.within24h()).isEqualTo(2);
        assertThat(team.missed24h()).isEqualTo(1);
        assertThat(team.within24hShare()).hasValueSatisfying(share -> assertThat(share).isEqualTo(2.0 / 3));
    }

    @Test
    void aWaitStillOpenCountsAsMissedOnlyOnceItIsOlderThanADay() {
        var waits = ResponseTimes.of(List.of(in("acme", "2026-12-01T01:00:00Z", "li")), hours);

        assertThat(FirstResponse.ofTeam(waits, week, Instant.parse("2026-12-01T20:00:00Z")).within24hShare()).isEmpty();
        assertThat(FirstResponse.ofTeam(waits, week, Instant.parse("2026-12-02T02:00:00Z")).missed24h()).isEqualTo(1);
    }

    @Test
    void waitsThatBeganInAnotherPeriodAreNotCounted() {
        var waits = ResponseTimes.of(List.of(
                in("acme", "2026-11-27T01:00:00Z", "li"), out("acme", "2026-11-30T02:00:00Z", "li")), hours);

        assertThat(FirstResponse.ofTeam(waits, week, Instant.parse("2026-12-07T00:00:00Z")).answered()).isZero();
        assertThat(FirstResponse.ofTeam(waits, week.previous(), Instant.parse("2026-12-07T00:00:00Z")).answered()).isEqualTo(1);
    }

    private static MailEvent in(String company, String at, String user) {
        return new MailEvent(company, Instant.parse(at), Direction.INBOUND, user);
    }

    private static MailEvent out(String company, String at, String user) {
        return new MailEvent(company, Instant.parse(at), Direction.OUTBOUND, user);
    }
}
