package io.genjin.app.customer;

import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Grade;
import io.genjin.app.web.Patch;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Changes a customer's details (name, domains, country, industry, grade, tags). A field left null
 * keeps its value; domains are checked as when creating. The caller has checked the customer is visible.
 */
@Component
public class EditCustomer {
    private final CrmStore store;
    private final CompanyDomains domains;

    EditCustomer(CrmStore store, CompanyDomains domains) {
        this.store = store;
        this.domains = domains;
    }

    public record Changes(String name, List<String> domains, String country, String industry, Grade grade,
            Set<String> tags) {
    }

    public Company edit(Company company, Changes changes) {
        if (changes.name() != null && changes.name().isBlank()) {
            throw new io.genjin.store.Invalid("A customer needs a name.");
        }
        List<String> newDomains = changes.domains() == null ? company.domains() : domains.checked(changes.domains(), company.id());
        return store.companies().save(company.withDetails(
                changes.name() == null ? company.name() : changes.name().trim(), newDomains,
               Patch.or(changes.country(), company.country()),Patch.or(changes.industry(), company.industry()),
               Patch.or(changes.grade(), company.grade()),Patch.or(changes.tags(), company.tags())));
    }
}
