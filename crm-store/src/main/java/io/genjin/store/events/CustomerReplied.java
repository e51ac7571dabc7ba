package io.genjin.store.events;

import java.time.Instant;
import java.util.List;

/** A customer wrote to the team (not an auto-reply, not a bounce); {@code inReplyTo} names the message answered, if any. */
public record CustomerReplied(String messageId, String companyId, List<String> contactIds, String inReplyTo,
        String mailboxOwnerId, Instant occurredAt) {
    public CustomerReplied {
        contactIds = List.copyOf(contactIds);
    }
}
