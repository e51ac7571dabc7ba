package io.genjin.reports.store;

import io.genjin.store.customer.Companies;
import io.genjin.store.customer.Company;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every live customer's name, grade, country, stage, owner and creation time, read in one pass and
 * kept for {@code maxAge} (docs/reports.md: the filters use a customer's grade, country and stage
 * as they are now). A report over 100,000 customers then filters in memory instead of asking the
 * store for each.
 *
 * <p>Reading 100,000 customers takes seconds, so a request never waits for it while a snapshot
 * younger than twice {@code maxAge} exists: a snapshot older than {@code maxAge} is served while
 * one background thread reads the next ("stale while revalidate"). Only the first request, or one
 * after a quiet spell longer than twice {@code maxAge}, reads on the request's thread. A number
 * therefore reflects the customers as they were at most {@code 2 × maxAge} ago (in steady use,
 * {@code maxAge} plus one read). With {@code maxAge} zero every request reads (tests).
 */
public class CompanyIndex {
    private static final Logger log = LoggerFactory.getLogger(CompanyIndex.class);
    private final Companies companies;
    private final Clock clock;
    private final Duration maxAge;
    private final AtomicBoolean refreshing = new AtomicBoolean();
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

    /** The longest a served snapshot may be behind the store: twice {@code maxAge}. */
    public Duration staleness() {
        return maxAge.multipliedBy(2);
    }

    public Snapshot now() {
        Snapshot current = snapshot;
        Instant at = clock.instant();
        if (current != null && current.readAt().plus(maxAge).isAfter(at)) {
            return current;
        }
        if (current != null && !maxAge.isZero() && current.readAt().plus(staleness()).isAfter(at)) {
            if (refreshing.compareAndSet(false, true)) {
                Thread reader = new Thread(() -> {
                    try {
                        read();
                    } catch (RuntimeException e) {
                        log.warn("Reports: reading the customers failed; the previous snapshot stays", e);
                    } finally {
                        refreshing.set(false);
                    }
                }, "report-customers");
                reader.setDaemon(true);
                reader.start();
            }
            return current;
        }
        synchronized (this) {
            current = snapshot;
            if (current == null || !current.readAt().plus(maxAge).isAfter(at)) {
                current = read();
            }
        }
        return current;
    }

    private Snapshot read() {
        Instant at = clock.instant();
        Snapshot next;
        try (var stream = companies.streamLive("id", "name", "normalizedName", "grade", "stage", "country", "ownerId",
                "createdAt", "archivedAt", "dormant", "lastInboundAt", "lastOutboundAt")) {
            next = new Snapshot(at, stream.collect(Collectors.toUnmodifiableMap(Company::id, Function.identity(), (a, b) -> a)));
        }
        synchronized (this) {
            if (snapshot == null || snapshot.readAt().isBefore(next.readAt())) {
                snapshot = next;
            }
            return snapshot;
        }
    }
}
