package io.genjin.store.linking;

import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.linking.DuplicatePair.Reason;
import java.util.TreeSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds pairs of live companies that are probably one customer: they share a contact address, then
 * a domain (never a free-mail one, even if someone typed it into a company), then a normalized name.
 * Each pair is reported once, under its strongest reason. A full scan in id-ordered batches: fine
 * for a team's CRM (tens of thousands of companies); on a real MongoDB a $group aggregation per key
 * would push the work to the server.
 */
public class FindDuplicateCustomers {
    private static final int BATCH = 500;
    private static final Comparator<Company> OLDEST = Comparator.comparing(Company::createdAt,
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Company::id);

    private final CrmStore store;
    private final MailDomains domains;

    public FindDuplicateCustomers(CrmStore store, LinkingPolicy policy) {
        this.store = store;
        this.domains = policy.mailDomains();
    }

    public List<DuplicatePair> find() {
        Map<String, Company> companies = new LinkedHashMap<>();
        Map<String, Set<String>> byAddress = new TreeMap<>();
        Map<String, Set<String>> byDomain = new TreeMap<>();
        Map<String, Set<String>> byName = new TreeMap<>();
        String after = null;
        for (List<Company> batch = store.companies().liveAfter(null, BATCH); !batch.isEmpty();
                batch = store.companies().liveAfter(after, BATCH)) {
            for (Company c : batch) {
                companies.put(c.id(), c);
                c.domains().stream().filter(d -> !domains.isFreeMail(d)).forEach(d -> add(byDomain, d, c.id()));
                if (c.normalizedName() != null && !c.normalizedName().isBlank()) {
                    add(byName, c.normalizedName(), c.id());
                }
            }
            for (Contact contact : store.contacts().ofCompanies(batch.stream().map(Company::id).toList())) {
                contact.addresses().forEach(a -> add(byAddress, a, contact.companyId()));
            }
            after = batch.get(batch.size() - 1).id();
        }
        Map<String, DuplicatePair> pairs = new LinkedHashMap<>();
        collect(byAddress, Reason.SHARED_CONTACT_ADDRESS, companies, pairs);
        collect(byDomain, Reason.SHARED_DOMAIN, companies, pairs);
        collect(byName, Reason.SAME_NORMALIZED_NAME, companies, pairs);
        return List.copyOf(pairs.values());
    }

    /**
     * The pairs one company is part of, strongest reason first, found through the store's lookups
     * (its contacts' addresses, its domains, its normalized name) rather than a full scan: cheap
     * enough for a customer page. Empty for a merged or missing company.
     */
    public List<DuplicatePair> of(String companyId) {
        Company company = store.companies().find(companyId).filter(c -> c.mergedInto() == null).orElse(null);
        if (company == null) {
            return List.of();
        }
        Map<String, DuplicatePair> pairs = new LinkedHashMap<>();
        for (Contact contact : store.contacts().ofCompany(company.id())) {
            for (String address : contact.addresses()) {
                store.contacts().allByAddress(address).stream().map(Contact::companyId)
                        .forEach(other -> pair(company, other, Reason.SHARED_CONTACT_ADDRESS, address, pairs));
            }
        }
        company.domains().stream().filter(d -> !domains.isFreeMail(d)).forEach(d -> store.companies().allByDomain(d)
                .forEach(other -> pair(company, other.id(), Reason.SHARED_DOMAIN, d, pairs)));
        if (company.normalizedName() != null && !company.normalizedName().isBlank()) {
            store.companies().byNormalizedName(company.normalizedName())
                    .forEach(other -> pair(company, other.id(), Reason.SAME_NORMALIZED_NAME, company.normalizedName(), pairs));
        }
        return List.copyOf(pairs.values());
    }

    private void pair(Company company, String otherId, Reason reason, String evidence, Map<String, DuplicatePair> pairs) {
        if (otherId == null || otherId.equals(company.id()) || pairs.containsKey(otherId)) {
            return;
        }
        store.companies().find(otherId).filter(c -> c.mergedInto() == null).ifPresent(other -> {
            boolean older = OLDEST.compare(company, other) <= 0;
            pairs.put(otherId, older ? new DuplicatePair(company.id(), other.id(), reason, evidence)
                    : new DuplicatePair(other.id(), company.id(), reason, evidence));
        });
    }

    private static void collect(Map<String, Set<String>> groups, Reason reason, Map<String, Company> companies,
            Map<String, DuplicatePair> pairs) {
        groups.forEach((key, ids) -> {
            List<Company> group = ids.stream().map(companies::get).filter(c -> c != null).sorted(OLDEST).toList();
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    String a = group.get(i).id();
                    String b = group.get(j).id();
                    String pairKey = a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
                    pairs.putIfAbsent(pairKey, new DuplicatePair(a, b, reason, key));
                }
            }
        });
    }

    private static void add(Map<String, Set<String>> groups, String key, String companyId) {
        groups.computeIfAbsent(key, k -> new TreeSet<>()).add(companyId);
    }
}
