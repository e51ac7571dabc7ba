package io.genjin.store.customer;

import io.genjin.store.CrmStore;
import java.util.Map;

/**
 * Puts a customer away (a mistaken record, a business that closed) or brings it back. Nothing is
 * deleted: its mail, tasks and orders stay, and an archived customer still answers by id.
 */
public class ArchiveCustomer {
    private final CrmStore store;

    public ArchiveCustomer(CrmStore store) {
        this.store = store;
    }

    public Company archive(Company company, String actorId) {
        return change(company, true, actorId);
    }

    public Company restore(Company company, String actorId) {
        return change(company, false, actorId);
    }

    private Company change(Company company, boolean archive, String actorId) {
        if (company.archived() == archive) {
            return company;
        }
        Company changed = store.companies().save(company.withArchivedAt(archive ? store.clock().instant() : null));
        store.audit().record(actorId, archive ? "company.archived" : "company.restored", "company", company.id(), Map.of());
        return changed;
    }
}
