package io.genjin.gateway.pst;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Turns a {@link PstItem} into RFC 5322 bytes for the ingestion pipeline. The headers are the ones
 * the message arrived with when Outlook kept them (so Message-ID, References, Received and the
 * original From survive), otherwise built from the item's fields; the body is rebuilt from the
 * item's text and HTML (multipart/alternative) with its attachments (multipart/mixed), because the
 * .pst keeps the parts, not the original MIME.
 */
public final class PstMime {
    private static final Session SESSION = Session.getInstance(new Properties());

    private PstMime() {
    }

    public static byte[] of(PstItem item) throws IOException {
        try {
            MimeMessage message = new KeptIdMessage();
            if (item.transportHeaders() != null && !item.transportHeaders().isBlank()) {
                copyHeaders(item.transportHeaders(), message);
            }
            if (message.getHeader("From") == null && item.sender() != null && hasAddress(item.sender().address())) {
                message.setFrom(address(item.sender().name(), item.sender().address()));
            }
            if (message.getHeader("To") == null && message.getHeader("Cc") == null) {
                for (PstItem.Recipient r : item.recipients()) {
                    if (hasAddress(r.address())) {
                        message.addRecipient(switch (r.kind()) {
                            case TO -> MimeMessage.RecipientType.TO;
                            case CC -> MimeMessage.RecipientType.CC;
                            case BCC -> MimeMessage.RecipientType.BCC;
                        }, address(r.name(), r.address()));
                    }
                }
            }
            if (message.getHeader("Subject") == null && item.subject() != null) {
                message.setSubject(item.subject(), "UTF-8");
            }
            if (message.getHeader("Date") == null && item.date() != null) {
                message.setSentDate(Date.from(item.date()));
            }
            if (message.getHeader("Message-ID") == null && item.messageId() != null && !item.messageId().isBlank()) {
                message.setHeader("Message-ID", bracketed(item.messageId()));
            }
            if (message.getHeader("In-Reply-To") == null && item.inReplyTo() != null && !item.inReplyTo().isBlank()) {
                message.setHeader("In-Reply-To", bracketed(item.inReplyTo()));
            }
            body(item, message);
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException e) {
            throw new IOException("item '" + item.subject() + "' cannot be written as MIME: " + e.getMessage(), e);
        }
    }

    private static void copyHeaders(String raw, MimeMessage message) throws MessagingException {
        // Outlook stores the headers with CRLF or LF; a blank line ends them for InternetHeaders.
        String text = raw.replace("\r\n", "\n").strip() + "\n\n";
        InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        Enumeration<String> lines = headers.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            String line = lines.nextElement();
            String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
            // The body is rebuilt, so the headers that describe the original one would lie about it.
            if (!name.isEmpty() && !name.startsWith("content-") && !name.equals("mime-version")) {
                message.addHeaderLine(line);
            }
        }
    }

    private static void body(PstItem item, MimeMessage message) throws MessagingException {
        boolean text = item.text() != null && !item.text().isEmpty();
        boolean html = item.html() != null && !item.html().isEmpty();
        String single = html ? item.html() : text ? item.text() : "";
        MimeMultipart alternative = null;
        if (text && html) {
            alternative = new FixedBoundary("alternative", boundary(item, 2));
            alternative.addBodyPart(part(item.text(), "plain"));
            alternative.addBodyPart(part(item.html(), "html"));
        }
        if (item.attachments().isEmpty()) {
            if (alternative != null) {
                message.setContent(alternative);
            } else {
                message.setText(single, "UTF-8", html ? "html" : "plain");
            }
            return;
        }
        MimeBodyPart content = new MimeBodyPart();
        if (alternative != null) {
            content.setContent(alternative);
        } else {
            content.setText(single, "UTF-8", html ? "html" : "plain");
        }
        MimeMultipart mixed = new FixedBoundary("mixed", boundary(item, 1));
        mixed.addBodyPart(content);
        for (PstItem.Attachment a : item.attachments()) {
            MimeBodyPart part = new MimeBodyPart();
            String type = a.mimeType() == null || a.mimeType().isBlank() ? "application/octet-stream" : a.mimeType();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), type)));
            if (a.fileName() != null && !a.fileName().isBlank()) {
                try {
                    part.setFileName(jakarta.mail.internet.MimeUtility.encodeText(a.fileName(), "UTF-8", null));
                } catch (UnsupportedEncodingException e) {
                    part.setFileName(a.fileName());
                }
            }
            if (a.contentId() != null && !a.contentId().isBlank()) {
                part.setContentID(bracketed(a.contentId()));
                part.setDisposition(MimeBodyPart.INLINE);
            } else {
                part.setDisposition(MimeBodyPart.ATTACHMENT);
            }
            mixed.addBodyPart(part);
        }
        message.setContent(mixed);
    }

    /**
     * A boundary that is the same each time the same item is converted (a random one, Jakarta Mail's
     * default, would give the message new bytes, and one without a Message-ID a new id, on a re-run).
     * "=_" never occurs in quoted-printable or base64 text.
     */
    private static String boundary(PstItem item, int level) {
        int hash = java.util.Objects.hash(item.messageId(), item.subject(), item.date(), item.text(), item.html());
        return "=_genjin_pst_" + level + "_" + Integer.toHexString(hash);
    }

    private static final class FixedBoundary extends MimeMultipart {
        FixedBoundary(String subtype, String boundary) {
            super(subtype);
            contentType = "multipart/" + subtype + "; boundary=\"" + boundary + "\"";
        }
    }

    private static MimeBodyPart part(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, "UTF-8", subtype);
        return part;
    }

    /** Exchange items name people by an X.500 DN ("/O=…/CN=…") where no SMTP address was resolved. */
    private static boolean hasAddress(String address) {
        return address != null && address.indexOf('@') > 0;
    }

    private static InternetAddress address(String name, String address) throws MessagingException {
        try {
            return new InternetAddress(address.trim(), name == null || name.isBlank() ? null : name.trim(), "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException(e.getMessage(), e);
        }
    }

    private static String bracketed(String id) {
        String trimmed = id.trim();
        return trimmed.startsWith("<") ? trimmed : "<" + trimmed + ">";
    }

    /**
     * saveChanges() would replace the Message-ID the item had with a random one (the pipeline keys on
     * it), and give an item without a date the moment of conversion as its Date.
     */
    private static final class KeptIdMessage extends MimeMessage {
        KeptIdMessage() {
            super(SESSION);
        }

        @Override
        protected void updateHeaders() throws MessagingException {
            boolean dated = getHeader("Date") != null;
            super.updateHeaders();
            if (!dated) {
                // An undated item stays undated: the same item gives the same bytes on every run, so a
                // re-run finds it a duplicate (a Date of "now" made it a new message each time).
                removeHeader("Date");
            }
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            // Nor is one invented: without a Message-ID the pipeline derives the id from the content,
            // which is what keeps a re-run of the same archive free of duplicates.
        }
    }

}
