package io.genjin.store.message;

import java.time.Instant;
import java.util.List;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One email, stored once however many mailboxes it was seen in ({@code mailboxes}). {@code messageId}
 * is the RFC 5322 Message-ID without angle brackets and is unique; {@code threadKey} is the
 * Message-ID of the thread's root as far as References tell.
 *
 * <p>{@code companyIds} are all the customers whose timelines show it, each explained in {@code links};
 * {@code companyId} is the first of them (kept for readers of one customer, and for documents written
 * before a message could belong to several). A message on no timeline says why in {@code heldStep}
 * (a linking step name such as {@code NONE_AUTOMATED}) and {@code heldDetail} ({@code list-unsubscribe}).
 *
 * <p>{@code rawKey} names the raw message it was read from (in the mail archive), so the mail view can
 * show the whole original; messages stored before it was recorded have none and show their snippet.
 * {@code attachments} lists the parts that are not the body, with where their content is kept.
 *
 * <p>{@code reading} is what the classifier read in an inbound customer message (tone, dissatisfaction,
 * topics); null on outbound, internal, machine or unlinked mail and on messages stored before it existed.
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
        Instant storedAt,
        List<String> companyIds,
        List<MessageLink> links,
        String heldStep,
        String heldDetail,
        String rawKey,
        List<StoredAttachment> attachments,
        MailReading reading) {

    public StoredMessage {
        references = references == null ? List.of() : List.copyOf(references);
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
        contactIds = contactIds == null ? List.of() : List.copyOf(contactIds);
        companyIds = companyIds == null || companyIds.isEmpty() && companyId != null
                ? (companyId == null ? List.of() : List.of(companyId)) : List.copyOf(companyIds);
        links = links == null ? List.of() : List.copyOf(links);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** Without a reading (outbound, internal or unlinked mail; callers that only link). */
    public StoredMessage(String id, String messageId, String threadKey, String inReplyTo, List<String> references,
            Direction direction, Participant from, List<Participant> to, List<Participant> cc, String subject,
            Instant sentAt, String snippet, List<MailboxRef> mailboxes, String companyId, List<String> contactIds,
            Instant storedAt, List<String> companyIds, List<MessageLink> links, String heldStep, String heldDetail,
            String rawKey, List<StoredAttachment> attachments) {
        this(id, messageId, threadKey, inReplyTo, references, direction, from, to, cc, subject, sentAt, snippet, mailboxes,
                companyId, contactIds, storedAt, companyIds, links, heldStep, heldDetail, rawKey, attachments, null);
    }

    /** Without the raw message and attachments (callers that only link). */
    public StoredMessage(String id, String messageId, String threadKey, String inReplyTo, List<String> references,
            Direction direction, Participant from, List<Participant> to, List<Participant> cc, String subject,
            Instant sentAt, String snippet, List<MailboxRef> mailboxes, String companyId, List<String> contactIds,
            Instant storedAt, List<String> companyIds, List<MessageLink> links, String heldStep, String heldDetail) {
        this(id, messageId, threadKey, inReplyTo, references, direction, from, to, cc, subject, sentAt, snippet, mailboxes,
                companyId, contactIds, storedAt, companyIds, links, heldStep, heldDetail, null, null, null);
    }

    /** A message linked to at most one customer, without reasons (older callers and tests). */
    public StoredMessage(String id, String messageId, String threadKey, String inReplyTo, List<String> references,
            Direction direction, Participant from, List<Participant> to, List<Participant> cc, String subject,
            Instant sentAt, String snippet, List<MailboxRef> mailboxes, String companyId, List<String> contactIds,
            Instant storedAt) {
        this(id, messageId, threadKey, inReplyTo, references, direction, from, to, cc, subject, sentAt, snippet, mailboxes,
                companyId, contactIds, storedAt, null, null, null, null, null, null, null);
    }

    /** The attachment at this part index, if the message has one there. */
    public java.util.Optional<StoredAttachment> attachment(int index) {
        return attachments.stream().filter(a -> a.index() == index).findFirst();
    }

    /** Whether a person has decided this message is not customer mail. */
    public boolean heldByPerson() {
        return "NONE_NOT_CUSTOMER".equals(heldStep);
    }
}
