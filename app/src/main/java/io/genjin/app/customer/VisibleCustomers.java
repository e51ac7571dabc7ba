package io.genjin.app.customer;

import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.NotFound;
import io.genjin.store.access.CustomerAccess.Scope;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.order.Order;
import io.genjin.store.task.Task;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Every read or write of a customer, and of what hangs off it, goes through here. A customer the
 * user may not see answers exactly like one that does not exist (404), so ids cannot be probed.
 */
@Component
public class VisibleCustomers {
    private final CrmStore store;

    public VisibleCustomers(CrmStore store) {
        this.store = store;
    }

    public Company company(SignedIn me, String companyId) {
        Company company = store.companies().findLive(companyId).orElseThrow(() -> new NotFound("company", companyId));
        if (!store.access().canSee(me.viewer(), company)) {
            throw new NotFound("company", companyId);
        }
        return company;
    }

    /**
     * Something that hangs off a customer (a contact, task, opportunity): visible when its customer
     * is; otherwise, like a missing one, a 404 naming the thing asked for.
     */
    public <T> T partOf(SignedIn me, String kind, String id, Optional<T> found, Function<T, String> companyIdOf) {
        T item = found.orElseThrow(() -> new NotFound(kind, id));
        Company company = store.companies().findLive(companyIdOf.apply(item)).orElse(null);
        if (!store.access().canSee(me.viewer(), company)) {
            throw new NotFound(kind, id);
        }
        return item;
    }

    public Contact contact(SignedIn me, String contactId) {
        return partOf(me, "contact", contactId, store.contacts().find(contactId).filter(c -> c.mergedInto() == null),
                Contact::companyId);
    }

    /** A task is visible to its assignee (even after its customer went to someone else) and to whoever sees its customer. */
    public Task task(SignedIn me, String taskId) {
        Optional<Task> found = store.tasks().find(taskId);
        if (found.isPresent() && me.userId().equals(found.get().assigneeId())) {
            return found.get();
        }
        return partOf(me, "task", taskId, found, Task::companyId);
    }

    /** An ownership conflict (撞客) is visible with the customer it is about. */
    public io.genjin.store.conflict.OwnershipConflict conflict(SignedIn me, String conflictId) {
        return partOf(me, "conflict", conflictId, store.conflicts().find(conflictId),
                io.genjin.store.conflict.OwnershipConflict::companyId);
    }

    public Order order(SignedIn me, String orderId) {
        return partOf(me, "order", orderId, store.orders().find(orderId), Order::companyId);
    }

    public Scope scope(SignedIn me) {
        return store.access().scope(me.viewer());
    }

    /** A rep may only give things to themselves; a manager to their team; an admin to anyone. */
    public void requireAssignable(SignedIn me, String userId) {
        if (!me.userId().equals(userId) && !store.access().canAssignTo(me.viewer(), userId)) {
            throw new AccessDeniedException("cannot assign to user " + userId);
        }
        if (!me.userId().equals(userId)) {
            store.users().get(userId);
        }
    }
}
