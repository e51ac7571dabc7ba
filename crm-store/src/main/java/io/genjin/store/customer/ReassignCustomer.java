package io.genjin.store.customer;

import io.genjin.store.CrmStore;
import java.util.Map;

/**
 * Hands a customer to another owner, with an audit entry naming who did it. The caller has checked
 * that the actor may see the customer and may assign to the new owner.
 */
public class ReassignCustomer {
    private final CrmStore store;

    public ReassignCustomer(CrmStore store) {
        this.store = store;
    }

    public Company to(Company company, String ownerId, String actorId) {
        if (ownerId.equals(company.ownerId())) {
            return company;
        }
        Company moved = store.companies().save(company.withOwner(ownerId));
        store.audit().record(actorId, "company.reowned", "company", company.id(),
                Map.of("from", String.valueOf(company.ownerId()), "to", ownerId));
        return moved;
    }
}
