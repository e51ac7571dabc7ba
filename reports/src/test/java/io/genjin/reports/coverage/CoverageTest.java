package io.genjin.reports.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.reports.coverage.Coverage.Account;
import io.genjin.reports.coverage.Coverage.Silent;
import io.genjin.store.customer.Grade;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void coverageCountsOnlyKeyCustomersWithMailBothWaysInTheLastThirtyDays() {
        List<Account> book = List.of(
                account("a1", "li", Grade.A, 3, 5),      // both ways lately
                account("a2", "li", Grade.A, 45, 2),     // we write, they do not answer
                account("b1", "li", Grade.B, 10, 20),    // both ways lately
                account("c1", "li", Grade.C, 1, 1),      // not a key customer
                account("a3", "wang", Grade.A, null, 3)); // never written to us

        var coverage = Coverage.perRep(book, NOW);

        assertThat(coverage.get("li").keyAccounts()).isEqualTo(3);
        assertThat(coverage.get("li").twoWay()).isEqualTo(2);
        assertThat(coverage.get("li").share()).hasValueSatisfying(s -> assertThat(s).isEqualTo(2.0 / 3));
        assertThat(coverage.get("wang").share()).contains(0.0);
    }

    @Test
    void silentCustomersComeInBandsWithGradeAFirstThenTheLongestSilent() {
        List<Account> book = List.of(
                account("c-long", "li", Grade.C, 200, 150),
                account("a-short", "li", Grade.A, 40, 35),
                account("a-long", "li", Grade.A, 70, 95),
                account("b-fresh", "li", Grade.B, 5, 40),
                account("never", "li", Grade.A, null, null));

        List<Silent> silent = Coverage.silent(book, NOW);

        assertThat(silent).extracting(s -> s.account().companyId()).containsExactly("a-long", "a-short", "c-long");
        assertThat(silent).extracting(Silent::band).containsExactly(60, 30, 90);
    }

    private static Account account(String id, String owner, Grade grade, Integer inboundDaysAgo, Integer outboundDaysAgo) {
        return new Account(id, id, owner, grade, ago(inboundDaysAgo), ago(outboundDaysAgo));
    }

    private static Instant ago(Integer days) {
        return days == null ? null : NOW.minus(Duration.ofDays(days));
    }
}
