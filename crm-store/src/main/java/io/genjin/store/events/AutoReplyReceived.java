package io.genjin.store.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An automatic reply (out of office, vacation) arrived from a customer. {@code fromAddress} is who
 * sent it (lower case); {@code returnDate} is the day they say they are back, or null when not stated.
 */
public record AutoReplyReceived(String messageId, String companyId, String mailboxOwnerId, String fromAddress,
        LocalDate returnDate, Instant occurredAt) {
}
