package io.genjin.reports.store;

import io.genjin.store.customer.Companies;
import io.genjin.store.customer.Company;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
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
    /** Kept for the copy served now; a new copy gets a new one. */
    private volatile Derived derived;

    public CompanyIndex(Companies companies, Clock clock, Duration maxAge) {
        this.kept = new Kept<>("customers", clock, maxAge, () -> {
            try (var stream = companies.streamLive("id", "name", "normalizedName", "grade", "stage", "country", "ownerId",
                    "createdAt", "archivedAt", "dormant", "lastInboundAt", "lastOutboundAt")) {
                return stream.collect(Collectors.toUnmodifiableMap(Company::id, Function.identity(), (a, b) -> a));
            }
        });
    }

    public record Snapshot(Instant readAt, Map<String, Company> byId, Derived derived) {
        public Snapshot(Instant readAt, Map<String, Company> byId) {
            this(readAt, byId, new Derived(byId));
        }

        public Optional<Company> get(String id) {
            return Optional.ofNullable(byId.get(id));
        }

        /**
         * The customers created in [from, to), in the order of their creation time (those without one
         * left out); found by binary search in a list sorted once per copy, not by walking every
         * customer at each request.
         */
        public List<Company> createdBetween(Instant from, Instant to) {
            List<Company> sorted = derived.byCreation();
            int lo = derived.firstAtOrAfter(from);
            int hi = derived.firstAtOrAfter(to);
            return lo >= hi ? List.of() : sorted.subList(lo, hi);
        }

        /**
         * The ids of the customers a predicate keeps, computed once per copy and key (a report's filter)
         * and then kept with the copy, so that a filtered report tests each customer id it meets by one
         * set lookup instead of testing the customer's fields again for every mail side.
         */
        public Set<String> passing(Object key, Predicate<Company> keep) {
            Set<String> kept = derived.passing.get(key);
            if (kept != null) {
                return kept;
            }
            Set<String> ids = new java.util.HashSet<>();
            byId.forEach((id, c) -> {
                if (keep.test(c)) {
                    ids.add(id);
                }
            });
            // A few filters are kept per copy (the dashboards' grade, country and stage choices); past
            // that the set is computed for the request and not kept, so arbitrary filters cannot fill
            // the heap.
            if (derived.passing.size() < Derived.KEPT_FILTERS) {
                derived.passing.putIfAbsent(key, ids);
            }
            return ids;
        }
    }

    /** What is computed from one copy of the customers and kept as long as that copy is served. */
    public static final class Derived {
        static final int KEPT_FILTERS = 16;
        private final Map<String, Company> byId;
        private volatile List<Company> byCreation;
        private final Map<Object, Set<String>> passing = new ConcurrentHashMap<>();

        Derived(Map<String, Company> byId) {
            this.byId = byId;
        }

        List<Company> byCreation() {
            List<Company> sorted = byCreation;
            if (sorted == null) {
                List<Company> list = new ArrayList<>();
                for (Company c : byId.values()) {
                    if (c.createdAt() != null) {
                        list.add(c);
                    }
                }
                list.sort(Comparator.comparing(Company::createdAt));
                byCreation = sorted = List.copyOf(list);
            }
            return sorted;
        }

        /** The index of the first customer (by creation) created at or after {@code at}. */
        int firstAtOrAfter(Instant at) {
            List<Company> sorted = byCreation();
            int lo = 0;
            int hi = sorted.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted.get(mid).createdAt().isBefore(at)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
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
        Derived d = derived;
        if (d == null || d.byId != v.value()) {
            derived = d = new Derived(v.value());
        }
        return new Snapshot(v.readAt(), v.value(), d);
    }
}
