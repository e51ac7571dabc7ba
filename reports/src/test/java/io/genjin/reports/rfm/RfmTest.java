package io.genjin.reports.rfm;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.reports.rfm.Rfm.OrderLine;
import io.genjin.reports.rfm.Rfm.Score;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RfmTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration YEAR = Duration.ofDays(365);

    @Test
    void customersAreSortedIntoTheEightSegmentsAgainstTheTeamsMedians() {
        List<OrderLine> orders = List.of(
                // recent, frequent, large
                order("champion", 5, 90_000), order("champion", 60, 80_000), order("champion", 120, 70_000),
                // recent and large but only once
                order("newBigBuyer", 10, 150_000),
                // frequent and large, but silent for most of the year
                order("fading", 250, 60_000), order("fading", 280, 60_000), order("fading", 300, 60_000),
                // once, small, long ago
                order("oneOff", 330, 2_000),
                // recent but small and once (a new customer's trial order)
                order("trial", 30, 1_000),
                // small but regular, not lately
                order("smallRegular", 200, 1_500), order("smallRegular", 220, 1_500));

        Map<String, Segment> segments = Rfm.of(orders, NOW, YEAR).stream()
                .collect(Collectors.toMap(Score::companyId, Score::segment));

        assertThat(segments).containsEntry("champion", Segment.IMPORTANT_VALUE)
                .containsEntry("newBigBuyer", Segment.IMPORTANT_DEVELOP)
                .containsEntry("fading", Segment.IMPORTANT_RETAIN)
                .containsEntry("oneOff", Segment.GENERAL_WIN_BACK)
                .containsEntry("trial", Segment.GENERAL_DEVELOP)
                .containsEntry("smallRegular", Segment.GENERAL_RETAIN);
    }

    @Test
    void oneHugeBuyerDoesNotMakeEveryoneElseLowValue() {
        List<OrderLine> orders = List.of(order("giant", 5, 10_000_000), order("a", 5, 50_000), order("b", 5, 40_000),
                order("c", 5, 1_000));

        Map<String, Score> scores = Rfm.of(orders, NOW, YEAR).stream().collect(Collectors.toMap(Score::companyId, Function.identity()));

        assertThat(scores.get("a").segment()).isEqualTo(Segment.IMPORTANT_VALUE);
        assertThat(scores.get("c").segment()).isEqualTo(Segment.GENERAL_VALUE);
    }

    @Test
    void ordersOutsideTheWindowAreNotCounted() {
        List<Score> scores = Rfm.of(List.of(order("old", 400, 5_000), order("recent", 3, 5_000), order("recent", 20, 5_000)),
                NOW, YEAR);

        assertThat(scores).singleElement().satisfies(s -> {
            assertThat(s.companyId()).isEqualTo("recent");
            assertThat(s.frequency()).isEqualTo(2);
            assertThat(s.recencyDays()).isEqualTo(3);
            assertThat(s.monetary()).isEqualByComparingTo("10000");
        });
        assertThat(Rfm.of(List.of(), NOW, YEAR)).isEmpty();
    }

    private static OrderLine order(String company, int daysAgo, long amount) {
        return new OrderLine(company, NOW.minus(Duration.ofDays(daysAgo)), BigDecimal.valueOf(amount));
    }
}
