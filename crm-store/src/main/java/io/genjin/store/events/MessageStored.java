package io.genjin.store.events;

/**
 * A message was stored, or a stored one was seen in one more mailbox ({@code created} false): what
 * keeps the search index, which indexes every message (held ones too), current. {@code mailboxOwnerId}
 * is the user whose mailbox it came through, or null.
 */
public record MessageStored(String messageId, boolean created, String mailboxOwnerId) {
}
