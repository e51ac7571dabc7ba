package io.genjin.gateway.mime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One parsed message, immutable. {@code messageId}, {@code inReplyTo} and {@code references} are
 * without angle brackets. {@code text} and {@code html} follow RFC 8621 §4.1.4 (the JMAP body
 * selection): the parts a mail client would show. {@code headers} holds every top-level header's
 * decoded values under its lower-case name (what the classifier reads: auto-submitted, precedence,
 * x-autoreply…); {@code partTypes} lists every leaf's media type, so report parts
 * (message/delivery-status) are visible, and {@code reportParts} holds what a bounce or feedback verdict
 * reads in them ({@link ReportPart}). {@code bcc} is what a Bcc header lists: present in a
 * sender's own Sent copy, never in what a recipient gets. {@code problems} says what was wrong and how it was handled.
 */
public record ParsedMail(
        String messageId,
        String inReplyTo,
        List<String> references,
        String subject,
        List<Address> from,
        List<Address> to,
        List<Address> cc,
        List<Address> bcc,
        List<Address> replyTo,
        Instant date,
        String text,
        String html,
        List<Attachment> attachments,
        List<ParsedMail> attachedMessages,
        Map<String, List<String>> headers,
        List<String> partTypes,
        List<ReportPart> reportParts,
        List<String> problems) {

    public ParsedMail {
        references = List.copyOf(references);
        from = List.copyOf(from);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        replyTo = List.copyOf(replyTo);
        attachments = List.copyOf(attachments);
        attachedMessages = List.copyOf(attachedMessages);
        headers = Map.copyOf(headers);
        partTypes = List.copyOf(partTypes);
        reportParts = List.copyOf(reportParts);
        problems = List.copyOf(problems);
    }

    /**
     * This parse with each attachment's stored id (its own and its attached messages') replaced: a
     * parse made before the message's attachments were stored, given the ids storing them gave.
     */
    public ParsedMail withStoredIds(java.util.function.UnaryOperator<String> storedId) {
        return new ParsedMail(messageId, inReplyTo, references, subject, from, to, cc, bcc, replyTo, date, text, html,
                attachments.stream().map(a -> new Attachment(a.name(), a.type(), a.size(), a.contentId(), a.inline(),
                        a.storedId() == null ? null : storedId.apply(a.storedId()))).toList(),
                attachedMessages.stream().map(m -> m.withStoredIds(storedId)).toList(), headers, partTypes, reportParts, problems);
    }

    /** The first From address, or null. */
    public Address sender() {
        return from.isEmpty() ? null : from.get(0);
    }

    /** The first value of a header (lower-case name), or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * A machine-readable part of a report, in the order of the message: the decoded text of a
     * {@code message/delivery-status}, {@code message/feedback-report}, {@code text/rfc822-headers} (or
     * any other {@code message/*} leaf), or the header block ({@code Name: value} lines) of an attached
     * {@code message/rfc822}. A part's text is read up to {@link MailParser#REPORT_PART_BYTES}.
     */
    public record ReportPart(String type, String content) {
    }

    /** A display name (may be null) and an address (lower-case; null when the header had none). */
    public record Address(String name, String address) {
    }

    /**
     * A part that is not shown as the body. {@code storedId} names its content in the attachment
     * store, or is null when it was not stored (too large, or no store).
     */
    public record Attachment(String name, String type, long size, String contentId, boolean inline, String storedId) {
    }
}
