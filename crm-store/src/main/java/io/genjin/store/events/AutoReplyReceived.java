package io.genjin.store.events;

import java.time.Instant;

/** An automatic reply (out of office, vacation) arrived from a customer. */
public record AutoReplyReceived(String messageId, String companyId, String mailboxOwnerId, Instant occurredAt) {
}
