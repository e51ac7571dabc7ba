package io.genjin.store.events;

import java.time.Instant;

/** A user sent a customer a quotation. */
public record QuoteSent(String messageId, String companyId, String senderUserId, Instant occurredAt) {
}
