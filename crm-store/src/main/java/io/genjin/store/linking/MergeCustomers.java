package io.genjin.store.linking;

import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.order.Order;
import io.genjin.store.timeline.Activity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Folds one customer company (the loser) into another (the survivor). Without transactions each
 * step is a single-document or per-company update that is safe to repeat, in an order that keeps
 * the data reachable at every point, so a merge that crashed midway is finished by running it again:
 * <ol>
 * <li>the survivor gains the loser's domains (mail keeps matching a live company);
 * <li>the loser becomes a tombstone pointing at the survivor (readers follow it with
 * {@code Companies.findLive}, and new mail links to the survivor from here on);
 * <li>contacts, messages, timeline activities, tasks, opportunities, orders and payments move;
 * <li>contacts that now share an address within the survivor are merged;
 * <li>one audit entry "company.merged" is written, unless a previous run wrote it.
 * </ol>
 * The survivor keeps its owner: merging is a manager's act, and the loser's owner is in the audit.
 */
public class MergeCustomers {
    static final String ACTION = "company.merged";
    private static final int BATCH = 200;

    private final CrmStore store;
    private final MergeContacts contactMerge;
    private final io.genjin.store.events.DomainEvents events;

    public MergeCustomers(CrmStore store) {
        this(store, io.genjin.store.events.DomainEvents.NONE);
    }

    public MergeCustomers(CrmStore store, io.genjin.store.events.DomainEvents events) {
        this.store = store;
        this.contactMerge = new MergeContacts(store);
        this.events = events;
    }

    public MergeResult merge(String survivorId, String loserId, String actorId) {
        if (Objects.equals(survivorId, loserId)) {
            throw new IllegalArgumentException("a company cannot be merged into itself: " + survivorId);
        }
        Company survivor = store.companies().get(survivorId);
        Company loser = store.companies().get(loserId);
        if (survivor.mergedInto() != null) {
            throw new IllegalStateException("company " + survivorId + " was itself merged into " + survivor.mergedInto());
        }
        if (loser.mergedInto() != null && !loser.mergedInto().equals(survivorId)) {
            throw new IllegalStateException("company " + loserId + " was already merged into " + loser.mergedInto());
        }
        boolean resumed = loser.mergedInto() != null;
        loser.domains().forEach(d -> store.companies().addDomain(survivorId, d));
        store.companies().markMerged(loserId, survivorId);

        long contacts = store.contacts().moveAll(loserId, survivorId);
        long messages = store.messages().moveAll(loserId, survivorId);
        long[] activities = moveTimeline(loserId, survivorId);
        long tasks = store.tasks().moveAll(loserId, survivorId);
        long opportunities = store.opportunities().moveAll(loserId, survivorId);
        long[] orders = moveOrders(loserId, survivorId);
        long payments = store.orders().movePayments(loserId, survivorId);
        int contactsMerged = contactMerge.mergeDuplicatesWithin(survivorId, actorId).size();

        MergeResult result = new MergeResult(survivorId, loserId, loser.domains(), contacts, messages, activities[0],
                activities[1], tasks, opportunities, orders[0], orders[1], payments, contactsMerged, resumed);
        if (!audited(survivorId, loserId)) {
            store.audit().record(actorId, ACTION, "company", survivorId, details(result, loser));
        }
        events.publish(new io.genjin.store.events.CustomersMerged(survivorId, loserId, actorId, store.clock().instant()));
        return result;
    }

    /**
     * One by one, because the unique (companyId, sourceKey) index refuses a bulk move when the same
     * email is on both timelines; the survivor's copy stays and the loser's is dropped.
     * Returns {moved, dropped}.
     */
    private long[] moveTimeline(String loserId, String survivorId) {
        long moved = 0;
        long dropped = 0;
        for (List<Activity> batch = store.timeline().batchOf(loserId, BATCH); !batch.isEmpty();
                batch = store.timeline().batchOf(loserId, BATCH)) {
            for (Activity activity : batch) {
                if (store.timeline().moveOne(activity.id(), survivorId)) {
                    moved++;
                } else {
                    store.timeline().delete(activity.id());
                    dropped++;
                }
            }
        }
        return new long[] {moved, dropped};
    }

    /**
     * One by one for the same reason (order numbers are unique per company). An order whose number the
     * survivor already has is left on the tombstone, never deleted: it may be money, and a human decides.
     * Returns {moved, left}.
     */
    private long[] moveOrders(String loserId, String survivorId) {
        long moved = 0;
        long left = 0;
        for (Order order : store.orders().ofCompany(loserId)) {
            if (store.orders().moveOne(order.id(), survivorId)) {
                moved++;
            } else {
                left++;
            }
        }
        return new long[] {moved, left};
    }

    private boolean audited(String survivorId, String loserId) {
        return store.audit().about("company", survivorId).stream()
                .anyMatch(e -> ACTION.equals(e.action()) && loserId.equals(e.details().get("loserId")));
    }

    private static Map<String, String> details(MergeResult r, Company loser) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("loserId", r.loserId());
        details.put("loserName", String.valueOf(loser.name()));
        details.put("loserOwnerId", String.valueOf(loser.ownerId()));
        details.put("domains", String.join(",", r.domainsAdded()));
        details.put("contacts", Long.toString(r.contacts()));
        details.put("contactsMerged", Long.toString(r.contactsMerged()));
        details.put("messages", Long.toString(r.messages()));
        details.put("activities", Long.toString(r.activities()));
        details.put("activitiesDropped", Long.toString(r.activitiesDropped()));
        details.put("tasks", Long.toString(r.tasks()));
        details.put("opportunities", Long.toString(r.opportunities()));
        details.put("orders", Long.toString(r.orders()));
        details.put("ordersLeftOnLoser", Long.toString(r.ordersLeftOnLoser()));
        details.put("payments", Long.toString(r.payments()));
        // A resumed run counts only what was left to move; the first run's counts died with it.
        details.put("resumed", Boolean.toString(r.resumed()));
        return details;
    }
}
