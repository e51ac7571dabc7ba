package io.genjin.gateway.pst;

import java.time.Instant;
import java.util.List;

/**
 * One item of an Outlook .pst as the fields the conversion to RFC 5322 needs, free of the reader's
 * types: what {@link PstMime} turns into a message, and what tests build by hand (java-libpst reads
 * .pst files but cannot write them).
 *
 * @param messageClass     MAPI message class: {@code IPM.Note…} is mail; contacts, appointments,
 *                         distribution lists, tasks and notes are not
 * @param transportHeaders the headers as received (PR_TRANSPORT_MESSAGE_HEADERS), or null/blank
 *                         for mail composed in Outlook and never sent over SMTP
 */
public record PstItem(String messageClass, String transportHeaders, String subject, Party sender, List<Recipient> recipients,
        Instant date, String messageId, String inReplyTo, String text, String html, List<Attachment> attachments) {

    public PstItem {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** Whether this is an email (IPM.Note and its subclasses, e.g. IPM.Note.SMIME), not a contact or a meeting. */
    public boolean isMail() {
        return messageClass == null || messageClass.isBlank() || messageClass.regionMatches(true, 0, "IPM.Note", 0, 8);
    }

    public record Party(String name, String address) {
    }

    public record Recipient(Kind kind, String name, String address) {
        public enum Kind {
            TO, CC, BCC
        }
    }

    /** @param contentId for an inline image the HTML refers to by {@code cid:} */
    public record Attachment(String fileName, String mimeType, String contentId, byte[] content) {
    }
}
