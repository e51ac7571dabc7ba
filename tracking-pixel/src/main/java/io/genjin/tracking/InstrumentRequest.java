package io.genjin.tracking;

import java.time.Instant;
import java.util.List;

/**
 * An outbound message to instrument. {@code html} and/or {@code text} is the body as it will be
 * sent; {@code recipients} the addresses it goes to (each gets its own pixel and links);
 * {@code ownerId} the salesperson sending it; {@code companyId} the customer, when known (otherwise
 * found from the recipients' contacts); {@code quote} marks a quotation, whose repeated reading is a
 * buying signal; {@code sentAt} defaults to now.
 */
public record InstrumentRequest(String messageId, String ownerId, String senderAddress, String companyId, boolean quote,
        String subject, String html, String text, List<String> recipients, Instant sentAt) {

    public InstrumentRequest {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
