package io.genjin.store.events;

import java.time.Instant;
import java.util.List;

/**
 * A delivery failure report arrived. {@code companyId} is the customer it concerns, when the report
 * itself was linked; {@code failedAddresses} are the recipients the report names (lower case), so a
 * listener can find the contacts; {@code hard} is true when some address is dead (unknown user or
 * domain: the contact has probably left the company) rather than full or delayed.
 */
public record MessageBounced(String messageId, String companyId, String mailboxOwnerId, List<String> failedAddresses,
        boolean hard, Instant occurredAt) {
    public MessageBounced {
        failedAddresses = failedAddresses == null ? List.of() : List.copyOf(failedAddresses);
    }
}
