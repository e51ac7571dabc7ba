package io.genjin.reports.imports;

import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.CompanyName;
import io.genjin.store.customer.Contacts;
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
    /** The id a customer has while its row waits to be written with its batch. */
    static final String PENDING = "pending:";
    private final Map<String, String> byDomain = new HashMap<>();
    private final Map<String, String> byName = new HashMap<>();
    /** The last row's normalized name: each row asks for it up to three times, and it costs regular expressions. */
    private ImportRow lastRow;
    private String lastName;
    /** The normalized names of the rows waiting for their batch to be written (a batch at most). */
    private final Map<ImportRow, String> pendingNames = new java.util.IdentityHashMap<>();
    /** Addresses of contacts this run plans or is about to make (the store knows the rest). */
    private final Map<String, String> byAddress = new HashMap<>();

    CustomerIndex(CrmStore store) {
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

    /**
     * A customer this run would create (a dry run) or is about to (a batch not written yet): later
     * rows naming it find its placeholder id.
     */
    void addPlanned(String placeholderId, ImportRow row) {
        if (row.domain() != null) {
            byDomain.putIfAbsent(row.domain(), placeholderId);
        }
        String name = name(row);
        if (pending(placeholderId)) {
            pendingNames.put(row, name);
        }
        if (name != null && !name.isEmpty()) {
            byName.putIfAbsent(name, placeholderId);
        }
        if (row.contact() != null) {
            row.contact().addresses().forEach(a -> byAddress.putIfAbsent(address(a), placeholderId));
        }
    }

    /** The pending row was written: its placeholder becomes the customer made, or is forgotten when none was. */
    void settle(String placeholderId, ImportRow row, Company made) {
        if (row.domain() != null) {
            byDomain.remove(row.domain(), placeholderId);
        }
        String name = pendingNames.containsKey(row) ? pendingNames.remove(row) : name(row);
        if (name != null) {
            byName.remove(name, placeholderId);
        }
        if (row.contact() != null) {
            // The store knows the contact now; the next batch asks it.
            row.contact().addresses().forEach(a -> byAddress.remove(address(a), placeholderId));
        }
        if (made != null) {
            add(made);
        }
    }

    private String name(ImportRow row) {
        if (row != lastRow) {
            lastRow = row;
            lastName = CompanyName.normalize(row.company());
        }
        return lastName;
    }

    static boolean pending(String id) {
        return id.startsWith(PENDING);
    }

    /** An address as the store compares it. */
    static String address(String address) {
        return Contacts.normalized(address);
    }

    /**
     * The id of the customer the row names: a known contact's, else by domain, else by name.
     *
     * @param contacts the addresses of the row's batch that belong to a contact (as {@link #address}) and its customer
     */
    Optional<Found> find(ImportRow row, Map<String, String> contacts) {
        if (row.contact() != null) {
            for (String a : row.contact().addresses()) {
                String key = address(a);
                String id = contacts.get(key);
                if (id == null) {
                    id = byAddress.get(key);
                }
                if (id != null) {
                    return Optional.of(new Found(id, "contact"));
                }
            }
        }
        if (row.domain() != null && byDomain.containsKey(row.domain())) {
            return Optional.of(new Found(byDomain.get(row.domain()), "domain"));
        }
        String name = name(row);
        if (name != null && byName.containsKey(name)) {
            return Optional.of(new Found(byName.get(name), "name"));
        }
        return Optional.empty();
    }

    /** A match and how it was made: contact, domain or name. */
    record Found(String companyId, String by) {
    }
}
