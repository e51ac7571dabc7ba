package io.genjin.store.linking;

import io.genjin.store.conflict.OwnershipConflicts;
import io.genjin.store.customer.Company;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import io.genjin.store.user.Users;
import java.time.Clock;
import java.util.Optional;

/**
 * 撞客: a rep emailing a customer another rep owns. Recorded for a manager to resolve (once per
 * company and claimant); linking never re-owns a customer. Not a conflict: unowned customers (the
 * pool), a manager or admin writing to any customer (oversight, not poaching), and mail the owner is
 * on themselves (the owner brought the colleague in).
 */
class OwnershipCheck {
    private final Users users;
    private final OwnershipConflicts conflicts;
    private final Clock clock;

    OwnershipCheck(Users users, OwnershipConflicts conflicts, Clock clock) {
        this.users = users;
        this.conflicts = conflicts;
        this.clock = clock;
    }

    /** The id of the conflict on record for this claimant and company, if there is one. */
    Optional<String> check(Company company, String claimantId, MessageParties parties, String messageId) {
        if (claimantId == null || company.ownerId() == null || claimantId.equals(company.ownerId())) {
            return Optional.empty();
        }
        Optional<User> claimant = users.find(claimantId);
        if (claimant.isEmpty() || claimant.get().role() != Role.REP) {
            return Optional.empty();
        }
        boolean ownerOnMessage = users.find(company.ownerId())
                .map(owner -> owner.addresses().stream().anyMatch(parties.addresses()::contains)).orElse(false);
        if (ownerOnMessage) {
            return Optional.empty();
        }
        return Optional.of(conflicts.record(company.id(), company.ownerId(), claimantId, messageId, clock.instant()).id());
    }
}
