package io.genjin.store.message;

import java.time.Instant;
import java.util.List;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One email, stored once however many mailboxes it was seen in ({@code mailboxes}). {@code messageId}
 * is the RFC 5322 Message-ID without angle brackets and is unique; {@code threadKey} is the
 * Message-ID of the thread's root as far as References tell.
 */
@Document("messages")
public record StoredMessage(
        String id,
        String messageId,
        String threadKey,
        String inReplyTo,
        List<String> references,
        Direction direction,
        Participant from,
        List<Participant> to,
        List<Participant> cc,
        String subject,
        Instant sentAt,
        String snippet,
        List<MailboxRef> mailboxes,
        String companyId,
        List<String> contactIds,
        Instant storedAt) {

    public StoredMessage {
        references = references == null ? List.of() : List.copyOf(references);
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
        contactIds = contactIds == null ? List.of() : List.copyOf(contactIds);
    }
}
