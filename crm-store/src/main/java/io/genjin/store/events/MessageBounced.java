package io.genjin.store.events;

import java.time.Instant;

/** A delivery failure report arrived; {@code companyId} is the customer it concerns, when known. */
public record MessageBounced(String messageId, String companyId, String mailboxOwnerId, Instant occurredAt) {
}
