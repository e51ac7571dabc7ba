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
 * store for each.
 */
public class CompanyIndex {
    private final Companies companies;
    private final Clock clock;
    private final Duration maxAge;
    private volatile Snapshot snapshot;

    public CompanyIndex(Companies companies, Clock clock, Duration maxAge) {
        this.companies = companies;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    public record Snapshot(Instant readAt, Map<String, Company> byId) {
        public Optional<Company> get(String id) {
            return Optional.ofNullable(byId.get(id));
        }
    }

    public Snapshot now() {
        Snapshot current = snapshot;
        Instant at = clock.instant();
        if (current == null || !current.readAt().plus(maxAge).isAfter(at)) {
            synchronized (this) {
                current = snapshot;
                if (current == null || !current.readAt().plus(maxAge).isAfter(at)) {
                    try (var stream = companies.streamLive("id", "name", "normalizedName", "grade", "stage", "country", "ownerId",
                            "createdAt", "archivedAt", "dormant", "lastInboundAt", "lastOutboundAt")) {
                        current = new Snapshot(at, stream.collect(Collectors.toUnmodifiableMap(Company::id,
                                Function.identity(), (a, b) -> a)));
                    }
                    snapshot = current;
                }
            }
        }
        return current;
    }
}
