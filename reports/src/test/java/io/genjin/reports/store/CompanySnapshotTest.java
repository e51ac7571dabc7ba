package io.genjin.reports.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.store.customer.Company;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompanySnapshotTest {
    private static final Instant T = Instant.parse("2026-03-02T08:00:00Z");

    private static Map<String, Company> customers() {
        Map<String, Company> byId = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            Company c = Company.create("c" + i, "Customer " + i, List.of(), "u1", T.plusSeconds(3600L * (39 - i)));
            byId.put(c.id(), i % 3 == 0 ? c.withOwner(null) : c);
        }
        return byId;
    }

    @Test
    void theCustomersCreatedInARangeAreThoseAWalkOverEveryCustomerFinds() {
        Map<String, Company> byId = customers();
        CompanyIndex.Snapshot snapshot = new CompanyIndex.Snapshot(T, byId);
        for (int from = -2; from < 42; from += 3) {
            for (int to = from; to < 44; to += 5) {
                Instant a = T.plusSeconds(3600L * from);
                Instant b = T.plusSeconds(3600L * to);
                Set<String> walked = new java.util.HashSet<>();
                byId.values().forEach(c -> {
                    if (!c.createdAt().isBefore(a) && c.createdAt().isBefore(b)) {
                        walked.add(c.id());
                    }
                });
                assertThat(snapshot.createdBetween(a, b)).extracting(Company::id).as("%s..%s", from, to)
                        .containsExactlyInAnyOrderElementsOf(walked);
                assertThat(snapshot.createdBetween(a, b)).extracting(Company::createdAt).isSorted();
            }
        }
    }

    @Test
    void aFiltersPassingCustomersAreKeptWithTheCopyAndANewCopyComputesThemAgain() {
        Map<String, Company> byId = customers();
        CompanyIndex.Snapshot snapshot = new CompanyIndex.Snapshot(T, byId);
        int[] tests = {0};
        Set<String> owned = snapshot.passing("owned", c -> {
            tests[0]++;
            return c.ownerId() != null;
        });
        assertThat(owned).hasSize(26).doesNotContain("c0", "c3").contains("c1", "c2");
        assertThat(snapshot.passing("owned", c -> false)).as("kept for the same key").isEqualTo(owned);
        assertThat(tests[0]).isEqualTo(40);

        Map<String, Company> next = new LinkedHashMap<>(byId);
        next.put("c0", byId.get("c0").withOwner("u2"));
        assertThat(new CompanyIndex.Snapshot(T, next).passing("owned", c -> c.ownerId() != null))
                .as("another copy").hasSize(27).contains("c0");
    }
}
