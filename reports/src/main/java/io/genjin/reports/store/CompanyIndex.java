package io.genjin.reports.store;

import io.genjin.store.customer.Companies;
import io.genjin.store.customer.Company;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every live customer's name, grade, country, stage, owner and creation time, read in one pass and
 * kept for {@code maxAge} (docs/reports.md: the filters use a customer's grade, country and stage
 * as they are now). A report over 100,000 customers then filters in memory instead of asking the
 * store for each. Reading 100,000 customers takes seconds, so the next copy is read in the
 * background while the last is served ({@link Kept}): a number reflects the customers as they were
 * at most {@code 2 × maxAge} ago.
 */
public class CompanyIndex {
    private final Kept<Map<String, Company>> kept;

    public CompanyIndex(Companies companies, Clock clock, Duration maxAge) {
        this.kept = new Kept<>("customers", clock, maxAge, () -> {
            try (var stream = companies.streamLive("id", "name", "normalizedName", "grade", "stage", "country", "ownerId",
                    "createdAt", "archivedAt", "dormant", "lastInboundAt", "lastOutboundAt")) {
                return stream.collect(Collectors.toUnmodifiableMap(Company::id, Function.identity(), (a, b) -> a));
            }
        });
    }

    public record Snapshot(Instant readAt, Map<String, Company> byId) {
        public Optional<Company> get(String id) {
            return Optional.ofNullable(byId.get(id));
        }
    }

    /** Reads the first snapshot on the calling thread unless one is kept ({@link Kept#prime()}). */
    public void prime() {
        kept.prime();
    }

    /** The longest the snapshot served now may be behind the store ({@link Kept#staleness()}). */
    public Duration staleness() {
        return kept.staleness();
    }

    /** The longest any snapshot served so far may have been behind the store ({@link Kept#worstStaleness()}). */
    public Duration worstStaleness() {
        return kept.worstStaleness();
    }

    public Snapshot now() {
        Kept.Value<Map<String, Company>> v = kept.get();
        return new Snapshot(v.readAt(), v.value());
    }
}
