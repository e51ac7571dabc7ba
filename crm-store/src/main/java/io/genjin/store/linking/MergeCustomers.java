package io.genjin.store.linking;

import io.genjin.store.CrmStore;
import io.genjin.store.conflict.OwnershipConflict;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.events.CustomersMerged;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.order.Order;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.timeline.Activity;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Folds one customer company (the loser) into another (the survivor). Without transactions each
 * step is a single-document or per-company update that is safe to repeat, in an order that keeps
 * the data reachable at every point, so a merge that crashed midway is finished by running it again:
 * <ol>
 * <li>the survivor gains the loser's domains (mail keeps matching a live company);
 * <li>the loser becomes a tombstone pointing at the survivor (readers follow it with
 * {@code Companies.findLive}, and new mail links to the survivor from here on);
 * <li>the survivor takes what it lacks from the loser ({@link #merged}): country, industry, the
 * loser's tags, and the later of the two last-contact times (so the follow-up rules do not take the
 * survivor for silent);
 * <li>contacts, messages (their customers and link reasons), timeline activities, tasks,
 * opportunities, orders, payments and ownership conflicts move, then the records other modules keep
 * ({@link CustomerRecords}: contracts, tracked quotations, sequence enrolments);
 * <li>contacts that now share an address within the survivor are merged;
 * <li>one audit entry "company.merged" is written, unless a previous run wrote it.
 * </ol>
 * The survivor keeps its owner: merging is a manager's act, and the loser's owner is in the audit.
 */
public class MergeCustomers {
    static final String ACTION = "company.merged";
    /** The resolution of a conflict a merge made moot. */
    public static final String CONFLICT_MERGED = "MERGED";
    private static final int BATCH = 200;

    private final CrmStore store;
    private final MergeContacts contactMerge;
    private final List<CustomerRecords> elsewhere;
    private final DomainEvents events;

    public MergeCustomers(CrmStore store) {
        this(store, List.of(), DomainEvents.NONE);
    }

    public MergeCustomers(CrmStore store, List<CustomerRecords> elsewhere) {
        this(store, elsewhere, DomainEvents.NONE);
    }

    /** @param events told of each merge ({@code CustomersMerged}), e.g. for the search index */
    public MergeCustomers(CrmStore store, List<CustomerRecords> elsewhere, DomainEvents events) {
        this.store = store;
        this.contactMerge = new MergeContacts(store);
        this.elsewhere = List.copyOf(elsewhere);
        this.events = events;
    }

    /**
     * The survivor as it will look after the merge: its own name, grade, stage and owner, its domains
     * followed by the loser's, the tags of both, country and industry from the loser where it has none.
     */
    public static Company merged(Company survivor, Company loser) {
        List<String> domains = new java.util.ArrayList<>(survivor.domains());
        loser.domains().stream().filter(d -> !domains.contains(d)).forEach(domains::add);
        Set<String> tags = new LinkedHashSet<>(survivor.tags());
        tags.addAll(loser.tags());
        return new Company(survivor.id(), survivor.name(), survivor.normalizedName(), domains,
                blank(survivor.country()) ? loser.country() : survivor.country(),
                blank(survivor.industry()) ? loser.industry() : survivor.industry(), survivor.grade(), survivor.stage(),
                survivor.ownerId(), tags, survivor.dormant(), later(survivor.lastInboundAt(), loser.lastInboundAt()),
                later(survivor.lastOutboundAt(), loser.lastOutboundAt()), null, survivor.createdAt(), survivor.version(),
                survivor.archivedAt());
    }

    /** What a merge of these two would move, side by side, without changing anything. */
    public MergePreview preview(String survivorId, String loserId) {
        if (Objects.equals(survivorId, loserId)) {
            throw new IllegalArgumentException("a company cannot be merged into itself: " + survivorId);
        }
        Company survivor = store.companies().get(survivorId);
        Company loser = store.companies().get(loserId);
        return new MergePreview(survivor, loser, merged(survivor, loser), side(survivorId), side(loserId));
    }

    private MergePreview.Side side(String companyId) {
        List<Contact> contacts = store.contacts().ofCompany(companyId);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("messages", store.messages().count(companyId));
        counts.put("activities", store.timeline().count(companyId));
        counts.put("tasks", (long) store.tasks().ofCompany(companyId, EnumSet.allOf(TaskStatus.class)).size());
        counts.put("opportunities", (long) store.opportunities().ofCompany(companyId).size());
        counts.put("orders", (long) store.orders().ofCompany(companyId).size());
        counts.put("payments", (long) store.orders().paymentsOf(companyId).size());
        counts.put("conflicts", (long) store.conflicts().ofCompany(companyId).size());
        elsewhere.stream().filter(CustomerRecords::listed)
                .forEach(records -> counts.put(records.kind(), records.count(companyId)));
        return new MergePreview.Side(contacts, counts);
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
        store.companies().absorb(merged(survivor, loser));

        long contacts = store.contacts().moveAll(loserId, survivorId);
        long messages = store.messages().moveAll(loserId, survivorId);
        long[] activities = moveTimeline(loserId, survivorId);
        long tasks = store.tasks().moveAll(loserId, survivorId);
        long opportunities = store.opportunities().moveAll(loserId, survivorId);
        long[] orders = moveOrders(loserId, survivorId);
        long payments = store.orders().movePayments(loserId, survivorId);
        long[] conflicts = moveConflicts(loserId, survivor);
        Map<String, Long> moved = new LinkedHashMap<>();
        elsewhere.forEach(records -> moved.put(records.kind(), records.move(loserId, survivorId)));
        int contactsMerged = contactMerge.mergeDuplicatesWithin(survivorId, actorId).size();

        MergeResult result = new MergeResult(survivorId, loserId, loser.domains(), contacts, messages, activities[0],
                activities[1], tasks, opportunities, orders[0], orders[1], payments, contactsMerged, conflicts[0],
                conflicts[1], moved, resumed);
        if (!audited(survivorId, loserId)) {
            store.audit().record(actorId, ACTION, "company", survivorId, details(result, loser));
        }
        events.publish(new CustomersMerged(survivorId, loserId, actorId, store.clock().instant()));
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

    /**
     * An open conflict now concerns the survivor and its owner; it is closed instead when the claimant
     * owns the survivor, or the survivor has the claimant's conflict already (unique per company and
     * claimant: then a resolved one stays on the tombstone as history). Returns {moved, closed}.
     */
    private long[] moveConflicts(String loserId, Company survivor) {
        long moved = 0;
        long closed = 0;
        for (OwnershipConflict conflict : store.conflicts().ofCompany(loserId)) {
            boolean moot = conflict.open()
                    && (survivor.ownerId() == null || conflict.claimantId().equals(survivor.ownerId()));
            String owner = conflict.open() ? survivor.ownerId() : conflict.ownerId();
            if (!moot && store.conflicts().moveOne(conflict.id(), survivor.id(), owner)) {
                moved++;
            } else if (conflict.open() && store.conflicts().resolve(conflict.id(), CONFLICT_MERGED, store.clock().instant())) {
                closed++;
            }
        }
        return new long[] {moved, closed};
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
        details.put("conflicts", Long.toString(r.conflicts()));
        details.put("conflictsClosed", Long.toString(r.conflictsClosed()));
        r.elsewhere().forEach((kind, count) -> details.put(kind, Long.toString(count)));
        // A resumed run counts only what was left to move; the first run's counts died with it.
        details.put("resumed", Boolean.toString(r.resumed()));
        return details;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static java.time.Instant later(java.time.Instant a, java.time.Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
