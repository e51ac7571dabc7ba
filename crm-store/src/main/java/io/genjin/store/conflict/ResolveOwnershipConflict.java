package io.genjin.store.conflict;

import io.genjin.store.CrmStore;
import io.genjin.store.NotFound;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.ReassignCustomer;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.events.OwnershipDecided;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A manager's decision on 撞客: the current owner keeps the customer, the claimant gets it, or it goes
 * back to the public pool (公海) for whoever claims it first. Ownership changes through
 * {@link ReassignCustomer} (with its own audit entry); the conflict is closed only while still open,
 * so of two managers deciding at once one wins and the other is told; then one "conflict.resolved"
 * entry and an {@link OwnershipDecided} event (the follow-up module tells the two reps). Conflicts
 * the decision made moot (about the same customer, by a claimant who now owns it, or every one when
 * it went to the pool) close with it. The caller has checked that the actor may see the customer and
 * may give it to the claimant.
 */
public class ResolveOwnershipConflict {
    private final CrmStore store;
    private final ReassignCustomer reassign;
    private final DomainEvents events;

    public ResolveOwnershipConflict(CrmStore store, ReassignCustomer reassign, DomainEvents events) {
        this.store = store;
        this.reassign = reassign;
        this.events = events;
    }

    public enum Resolution {
        KEEP_OWNER, HAND_OVER, RELEASE_TO_POOL
    }

    /** The outcome: {@code resolved} false when the conflict had been resolved before (nothing changed). */
    public record Outcome(boolean resolved, OwnershipConflict conflict, Company company) {
    }

    /** The customer the conflict is about, through any merge since it was recorded. */
    public Company companyOf(OwnershipConflict conflict) {
        return store.companies().findLive(conflict.companyId()).orElseThrow(() -> new NotFound("company", conflict.companyId()));
    }

    public Outcome resolve(OwnershipConflict conflict, Resolution resolution, String actorId) {
        Company company = companyOf(conflict);
        Instant now = store.clock().instant();
        if (!conflict.open() || !store.conflicts().resolve(conflict.id(), resolution.name(), now)) {
            return new Outcome(false, store.conflicts().find(conflict.id()).orElse(conflict), company);
        }
        String previousOwner = company.ownerId();
        Company after = switch (resolution) {
            case KEEP_OWNER -> company;
            case HAND_OVER -> reassign.to(company, conflict.claimantId(), actorId);
            case RELEASE_TO_POOL -> reassign.toPool(company, actorId);
        };
        for (OwnershipConflict other : store.conflicts().openOf(company.id())) {
            if (after.ownerId() == null || other.claimantId().equals(after.ownerId())) {
                store.conflicts().resolve(other.id(), resolution.name(), now);
            }
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("conflictId", conflict.id());
        details.put("resolution", resolution.name());
        details.put("claimantId", conflict.claimantId());
        details.put("ownerBefore", String.valueOf(previousOwner));
        details.put("ownerAfter", after.ownerId() == null ? "pool" : after.ownerId());
        store.audit().record(actorId, "conflict.resolved", "company", company.id(), details);
        events.publish(new OwnershipDecided(conflict.id(), company.id(), conflict.claimantId(), previousOwner,
                after.ownerId(), resolution.name(), actorId, now));
        return new Outcome(true, store.conflicts().find(conflict.id()).orElseThrow(), after);
    }
}
