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
        return new Document("t", Date.from(Instant.parse(at))).append("s", sent).append("k", k.name()).append("c", companies);
    }

    @Test
    void aDaysSidesAreCountedPerHourAndKindWithTheCustomersTouched() {
        Document day = new Document("_id", "u1|2026-03-02").append("u", "u1").append("d", "2026-03-02").append("m",
                new Document("m1", side("2026-03-02T08:10:00Z", false, Counterpart.CUSTOMER, List.of("zeta", "acme")))
                        .append("m2", side("2026-03-02T08:50:00Z", false, Counterpart.CUSTOMER, List.of("acme")))
                        .append("m3", side("2026-03-02T23:59:59Z", true, Counterpart.INTERNAL, List.of()))
                        .append("m4", side("2026-03-02T00:00:00Z", true, Counterpart.OTHER_EXTERNAL, List.of("not-touched"))));
        Document counts = Rollups.counts(day);
        assertThat(counts.getString("_id")).isEqualTo("u1|2026-03-02");
        List<Integer> codes = counts.getList("n", Integer.class);
        assertThat(codes).containsExactly(
                (0 * 6 + 3 + Counterpart.OTHER_EXTERNAL.ordinal()) << 20 | 1,
                (8 * 6 + Counterpart.CUSTOMER.ordinal()) << 20 | 2,
                (23 * 6 + 3 + Counterpart.INTERNAL.ordinal()) << 20 | 1);
        assertThat(counts.getString("t")).as("the customers touched, sorted").isEqualTo("acme,zeta");
        Document perCustomer = Rollups.customerCounts(counts);
        assertThat(counts).doesNotContainKey("p");
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
}
