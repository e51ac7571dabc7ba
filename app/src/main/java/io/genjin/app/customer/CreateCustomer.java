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
        String ownerId = fields.ownerId() == null ? me.userId() : fields.ownerId();
        visible.requireAssignable(me, ownerId);
        List<String> clean = domains.checked(fields.domains(), null);
        return store.companies().insert(new Company(Ids.newId(), fields.name().trim(), null, clean, fields.country(),
                fields.industry(), fields.grade(), fields.stage(), ownerId, fields.tags(), false, null, null, null,
                store.clock().instant(), null));
    }
}
