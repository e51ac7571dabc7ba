package io.genjin.app.customer;

import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Grade;
import io.genjin.store.customer.Stage;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Creates a customer, owned by the caller unless they name someone they may assign to, with domains
 * that are real, not free mail, and no other customer's.
 */
@Component
public class CreateCustomer {
    private final CrmStore store;
    private final VisibleCustomers visible;
    private final CompanyDomains domains;

    CreateCustomer(CrmStore store, VisibleCustomers visible, CompanyDomains domains) {
        this.store = store;
        this.visible = visible;
        this.domains = domains;
    }

    public record Fields(String name, List<String> domains, String country, String industry, Grade grade, Stage stage,
            String ownerId, Set<String> tags) {
    }

    public Company create(SignedIn me, Fields fields) {
        if (fields.name() == null || fields.name().isBlank()) {
            throw new io.genjin.store.Invalid("A customer needs a name.");
        }
        visible.requireAssignable(me, fields.ownerId() == null ? me.userId() : fields.ownerId());
        return store.companies().insert(checked(me, fields));
    }

    /** A customer of {@link #createAll}: made, or refused with the reason {@link #create} would give. */
    public record Made(Company company, String refusal) {
    }

    /**
     * Creates several customers in one round trip (an import), each checked as {@link #create} checks
     * one; a domain another customer has, or an earlier one of these, refuses that customer only.
     * The answers are in the order of {@code all}.
     */
    public List<Made> createAll(SignedIn me, List<Fields> all) {
        List<Made> out = new java.util.ArrayList<>(all.size());
        List<Company> checked = new java.util.ArrayList<>();
        Set<String> domainsHere = new java.util.HashSet<>();
        java.util.Map<String, RuntimeException> owners = new java.util.HashMap<>();
        for (Fields fields : all) {
            try {
                String ownerId = fields.ownerId() == null ? me.userId() : fields.ownerId();
                // One check per owner, not per row: an import gives most rows to one or a few people.
                RuntimeException refused = owners.computeIfAbsent(ownerId, id -> {
                    try {
                        visible.requireAssignable(me, id);
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                });
                if (refused != null) {
                    throw refused;
                }
                Company company = checked(me, fields);
                for (String domain : company.domains()) {
                    if (!domainsHere.add(domain)) {
                        throw CompanyApi.domainTaken(domain);
                    }
                }
                checked.add(company);
                out.add(new Made(company, null));
            } catch (io.genjin.store.Invalid | io.genjin.app.web.Conflict e) {
                out.add(new Made(null, e.getMessage()));
            }
        }
        java.util.Map<String, Company> inserted = new java.util.HashMap<>();
        store.companies().insertAll(checked).forEach(c -> inserted.put(c.id(), c));
        return out.stream().map(m -> m.company() == null ? m : inserted.containsKey(m.company().id())
                ? new Made(inserted.get(m.company().id()), null)
                : new Made(null, "The store refused the customer " + m.company().name() + ".")).toList();
    }

    /** The customer {@link #create} would insert, or why it may not (its owner checked by the caller). */
    private Company checked(SignedIn me, Fields fields) {
        if (fields.name() == null || fields.name().isBlank()) {
            throw new io.genjin.store.Invalid("A customer needs a name.");
        }
        String ownerId = fields.ownerId() == null ? me.userId() : fields.ownerId();
        List<String> clean = domains.checked(fields.domains(), null);
        return new Company(Ids.newId(), fields.name().trim(), null, clean, fields.country(),
                fields.industry(), fields.grade(), fields.stage(), ownerId, fields.tags(), false, null, null, null,
                store.clock().instant(), null);
    }
}
