package io.genjin.app.customer;

import io.genjin.store.CrmStore;
import io.genjin.store.access.CustomerAccess.Scope;
import io.genjin.store.customer.Company;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A page of the customers the caller sees that match a health filter (their ids, from the health
 * collection), in the store's search order: the visible customers matching the text stream past once.
 */
public final class HealthFilter {
    private HealthFilter() {
    }

    public static List<Company> page(CrmStore store, Scope scope, String text, boolean archived, Set<String> ids, int offset,
            int limit) {
        if (ids.isEmpty()) {
            return List.of();
        }
        if (ids.size() <= 1_000) {
            // Few matches: read them by id and filter by scope and text, instead of streaming every customer.
            var matcher = io.genjin.store.customer.Companies.matcher(scope, text, archived);
            return store.companies().byIds(ids).stream().filter(matcher)
                    .sorted(java.util.Comparator.comparing(Company::lastInboundAt,
                            java.util.Comparator.nullsLast(java.util.Comparator.<java.time.Instant>reverseOrder()))
                            .thenComparing(Company::name))
                    .skip(offset).limit(limit).toList();
        }
        try (Stream<Company> all = store.companies().streamMatching(scope, text, archived)) {
            return all.filter(c -> ids.contains(c.id())).skip(offset).limit(limit).toList();
        }
    }
}
