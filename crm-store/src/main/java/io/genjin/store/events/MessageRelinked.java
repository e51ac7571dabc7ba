package io.genjin.store.events;

import java.time.Instant;

/** A person changed which customers a stored message belongs to (moved, added, or not customer mail). */
public record MessageRelinked(String storedId, String messageId, String byUserId, Instant occurredAt) {
}
