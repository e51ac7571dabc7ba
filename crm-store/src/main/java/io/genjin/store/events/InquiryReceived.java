package io.genjin.store.events;

import java.time.Instant;
import java.util.List;

/** A customer's mail reads as a new inquiry (asks for prices, a catalogue, terms) and waits for an answer. */
public record InquiryReceived(String messageId, String companyId, List<String> contactIds, String mailboxOwnerId,
        Instant occurredAt) {
    public InquiryReceived {
        contactIds = List.copyOf(contactIds);
    }
}
