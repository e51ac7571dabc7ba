package io.genjin.store.customer;

import io.genjin.store.CrmStore;
import java.util.Map;

/**
 * Hands a customer to another owner, or back to the public pool, with an audit entry naming who did
 * it. The caller has checked that the actor may see the customer and may assign to the new owner.
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

    /** Puts a customer back in the public pool (公海): no owner, so any rep may claim it. */
    public Company toPool(Company company, String actorId) {
        if (company.ownerId() == null) {
            return company;
        }
        Company released = store.companies().save(company.withOwner(null));
        store.audit().record(actorId, "company.reowned", "company", company.id(),
                Map.of("from", company.ownerId(), "to", "pool"));
        return released;
    }
}
