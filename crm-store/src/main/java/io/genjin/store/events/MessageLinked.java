package io.genjin.store.events;

import io.genjin.store.message.Direction;
import java.time.Instant;
import java.util.List;

/** A new message was linked to a customer's timeline. */
public record MessageLinked(String messageId, String companyId, List<String> contactIds, Direction direction,
        String mailboxOwnerId, Instant occurredAt) {
    public MessageLinked {
        contactIds = List.copyOf(contactIds);
    }
}
