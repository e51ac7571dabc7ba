package io.genjin.store.events;

import java.time.Instant;

/**
 * A manager decided an ownership conflict (撞客): {@code resolution} is KEEP_OWNER, HAND_OVER or
 * RELEASE_TO_POOL; {@code ownerAfter} is null when the customer went to the public pool.
 */
public record OwnershipDecided(String conflictId, String companyId, String claimantId, String ownerBefore,
        String ownerAfter, String resolution, String byUserId, Instant occurredAt) {
}
