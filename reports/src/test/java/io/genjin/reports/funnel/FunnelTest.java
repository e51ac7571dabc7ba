package io.genjin.reports.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.reports.Period;
import io.genjin.reports.funnel.Funnel.Customer;
import io.genjin.reports.funnel.Funnel.StageChange;
import io.genjin.reports.funnel.Funnel.Step;
import io.genjin.store.customer.Stage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunnelTest {
    private final Period november = Period.containing(Period.Kind.MONTH, LocalDate.of(2026, 11, 1), ZoneOffset.UTC);

    @Test
    void aCustomerThatSkippedAStageHasPassedItAndTheCountsNeverGrowDownTheFunnel() {
        List<Customer> customers = List.of(
                customer("a", "2026-11-02", Stage.WON), customer("b", "2026-11-03", Stage.QUOTED),
                customer("c", "2026-11-04", Stage.LOST), customer("d", "2026-11-05", Stage.LEAD),
                customer("october", "2026-10-20", Stage.WON));
        List<StageChange> history = List.of(
                change("a", "2026-11-03", Stage.LEAD, Stage.INQUIRY), change("a", "2026-11-06", Stage.INQUIRY, Stage.QUOTED),
                change("a", "2026-11-20", Stage.QUOTED, Stage.WON),
                change("b", "2026-11-04", Stage.LEAD, Stage.QUOTED),
                change("c", "2026-11-05", Stage.LEAD, Stage.INQUIRY), change("c", "2026-11-09", Stage.INQUIRY, Stage.LOST),
                change("october", "2026-11-02", Stage.LEAD, Stage.WON));

        List<Step> funnel = Funnel.cohort(customers, history, november);

        assertThat(funnel).extracting(Step::reached).containsExactly(4, 3, 2, 1, 1, 1);
        assertThat(funnel.get(0).conversion()).contains(0.75);
        assertThat(funnel.get(1).conversion()).hasValueSatisfying(c -> assertThat(c).isEqualTo(2.0 / 3));
        assertThat(funnel.get(5).conversion()).isEmpty();
    }

    @Test
    void timeInStageIsTheMedianOfTheStaysThatEndedInThePeriod() {
        List<Customer> customers = List.of(customer("a", "2026-10-30", Stage.WON), customer("b", "2026-11-01", Stage.QUOTED),
                customer("c", "2026-11-01", Stage.QUOTED));
        List<StageChange> history = List.of(
                change("a", "2026-11-02", Stage.LEAD, Stage.QUOTED), change("a", "2026-11-12", Stage.QUOTED, Stage.WON),
                change("b", "2026-11-05", Stage.LEAD, Stage.QUOTED),
                change("c", "2026-11-09", Stage.LEAD, Stage.QUOTED));

        var medians = Funnel.medianTimeInStage(Funnel.staysEnded(customers, history, november));

        // lead stays: a 3 days, b 4 days, c 8 days; one quoted stay: a, 10 days; b and c are still quoted
        assertThat(medians).containsEntry(Stage.LEAD, Duration.ofDays(4)).containsEntry(Stage.QUOTED, Duration.ofDays(10))
                .doesNotContainKey(Stage.WON);
    }

    private static Customer customer(String id, String created, Stage stage) {
        return new Customer(id, day(created), stage);
    }

    private static StageChange change(String id, String at, Stage from, Stage to) {
        return new StageChange(id, day(at), from, to);
    }

    private static Instant day(String date) {
        return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
