package io.genjin.reports.imports;

import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.CompanyName;
import io.genjin.store.customer.Contact;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the customer a row names, the way linking and {@code FindDuplicateCustomers} do: a contact's
 * address first, then the company's business domain, then its normalized name. Built once per run
 * by one pass over the live customers (id, name, domains only), because the embedded store scans its
 * collection for a name and a 100,000-row file would scan it 100,000 times; customers the run makes
 * are added as it goes, so a later row of the same company is an update, and a run of the same file
 * again finds every customer it made the first time.
 */
final class CustomerIndex {
    private final CrmStore store;
    private final Map<String, String> byDomain = new HashMap<>();
    private final Map<String, String> byName = new HashMap<>();

    CustomerIndex(CrmStore store) {
        this.store = store;
        try (var companies = store.companies().streamLive("id", "normalizedName", "domains", "createdAt", "dormant")) {
            companies.forEach(this::add);
        }
    }

    void add(Company company) {
        for (String domain : company.domains()) {
            byDomain.putIfAbsent(domain, company.id());
        }
        if (company.normalizedName() != null && !company.normalizedName().isEmpty()) {
            byName.putIfAbsent(company.normalizedName(), company.id());
        }
    }

    /** A customer this run would create (a dry run): later rows naming it find its placeholder id. */
    void addPlanned(String placeholderId, ImportRow row) {
        if (row.domain() != null) {
            byDomain.putIfAbsent(row.domain(), placeholderId);
        }
        byName.putIfAbsent(CompanyName.normalize(row.company()), placeholderId);
    }

    /** The id of the customer the row names: a known contact's, else by domain, else by name. */
    Optional<Found> find(ImportRow row) {
        if (row.contact() != null) {
            for (String address : row.contact().addresses()) {
                Optional<Contact> contact = store.contacts().byAddress(address);
                if (contact.isPresent() && contact.get().companyId() != null) {
                    return Optional.of(new Found(contact.get().companyId(), "contact"));
                }
            }
        }
        if (row.domain() != null && byDomain.containsKey(row.domain())) {
            return Optional.of(new Found(byDomain.get(row.domain()), "domain"));
        }
        String name = CompanyName.normalize(row.company());
        if (name != null && byName.containsKey(name)) {
            return Optional.of(new Found(byName.get(name), "name"));
        }
        return Optional.empty();
    }

    /** A match and how it was made: contact, domain or name. */
    record Found(String companyId, String by) {
    }
}
