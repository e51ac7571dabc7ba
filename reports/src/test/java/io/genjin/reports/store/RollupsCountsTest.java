package io.genjin.reports.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.reports.activity.MailSide.Counterpart;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class RollupsCountsTest {

    private static Document side(String at, boolean sent, Counterpart k, List<String> companies) {
        return DayTally.side(Date.from(Instant.parse(at)), sent, k, companies);
    }

    private static final List<Document> SIDES = List.of(
            side("2026-03-02T08:10:00Z", false, Counterpart.CUSTOMER, List.of("zeta", "acme")),
            side("2026-03-02T08:50:00Z", false, Counterpart.CUSTOMER, List.of("acme")),
            side("2026-03-02T23:59:59Z", true, Counterpart.INTERNAL, List.of()),
            side("2026-03-02T00:00:00Z", true, Counterpart.OTHER_EXTERNAL, List.of("not-touched")));

    @Test
    void aDaysSidesAreCountedPerHourAndKindWithTheCustomersTouched() {
        DayTally tally = new DayTally();
        SIDES.forEach(side -> tally.add(side, 1));
        Document counts = tally.counts("u1|2026-03-02");
        assertThat(counts.getString("_id")).isEqualTo("u1|2026-03-02");
        List<Integer> codes = counts.getList("n", Integer.class);
        assertThat(codes).containsExactly(
                (0 * 6 + 3 + Counterpart.OTHER_EXTERNAL.ordinal()) << 20 | 1,
                (8 * 6 + Counterpart.CUSTOMER.ordinal()) << 20 | 2,
                (23 * 6 + 3 + Counterpart.INTERNAL.ordinal()) << 20 | 1);
        assertThat(counts.getString("t")).as("the customers touched, sorted").isEqualTo("acme,zeta");
        Document perCustomer = MailDays.customerCopy(counts);
        assertThat(perCustomer).containsOnlyKeys("_id", "u", "d", "p");
        assertThat(perCustomer.getString("_id")).isEqualTo("u1|2026-03-02");
        List<Document> customers = perCustomer.getList("p", Document.class);
        assertThat(customers).as("customer sides only, per set of customers").hasSize(2);
        assertThat(customers.get(0).getList("c", String.class)).containsExactly("acme");
        assertThat(customers.get(0).getList("n", Integer.class)).containsExactly((8 * 6) << 20 | 1);
        assertThat(customers.get(1).getList("c", String.class)).containsExactly("zeta", "acme");
        assertThat(customers.get(1).getList("n", Integer.class)).containsExactly((8 * 6) << 20 | 1);

        Rollups.DayCounts read = new Rollups.DayCounts("u1", LocalDate.parse("2026-03-02"),
                codes.stream().mapToInt(Integer::intValue).toArray(), List.of(), List.of());
        int received = codes.get(1);
        assertThat(Rollups.DayCounts.sent(received)).isFalse();
        assertThat(Rollups.DayCounts.counterpart(received)).isEqualTo(Counterpart.CUSTOMER);
        assertThat(Rollups.DayCounts.count(received)).isEqualTo(2);
        assertThat(read.hourStart(received)).isEqualTo(Instant.parse("2026-03-02T08:00:00Z").toEpochMilli());
        int internal = codes.get(2);
        assertThat(Rollups.DayCounts.sent(internal)).isTrue();
        assertThat(Rollups.DayCounts.counterpart(internal)).isEqualTo(Counterpart.INTERNAL);
        assertThat(read.hourStart(internal)).isEqualTo(Instant.parse("2026-03-02T23:00:00Z").toEpochMilli());
    }

    @Test
    void countsMovedBySidesAddedAndTakenAwayAreTheCountsOfTheSidesLeft() {
        // Read back from a stored counts document, a side taken away and another changed: the same
        // document as counting the sides left from nothing. A customer set whose last side goes is gone.
        DayTally all = new DayTally();
        SIDES.forEach(side -> all.add(side, 1));
        DayTally moved = DayTally.of(all.counts("u1|2026-03-02"));
        moved.add(SIDES.get(0), -1);
        Document changed = side("2026-03-02T09:00:00Z", false, Counterpart.OTHER_EXTERNAL, List.of());
        moved.add(SIDES.get(1), -1);
        moved.add(changed, 1);

        DayTally left = new DayTally();
        List.of(changed, SIDES.get(2), SIDES.get(3)).forEach(side -> left.add(side, 1));
        Document expected = left.counts("u1|2026-03-02");
        assertThat(moved.counts("u1|2026-03-02")).isEqualTo(expected);
        assertThat(expected.getString("t")).isEmpty();
        assertThat(expected.getList("p", Document.class)).isEmpty();
        assertThat(DayTally.same(SIDES.get(0), side("2026-03-02T08:10:00Z", false, Counterpart.CUSTOMER, List.of("zeta", "acme"))))
                .isTrue();
        assertThat(DayTally.same(SIDES.get(0), side("2026-03-02T08:10:00Z", false, Counterpart.CUSTOMER, List.of("acme"))))
                .isFalse();
        assertThat(DayTally.same(null, SIDES.get(0))).isFalse();
    }
}
