package io.genjin.store.events;

import java.time.Instant;

/** One customer was folded into another: everything of {@code loserId} is now {@code survivorId}'s. */
public record CustomersMerged(String survivorId, String loserId, String byUserId, Instant occurredAt) {
}
