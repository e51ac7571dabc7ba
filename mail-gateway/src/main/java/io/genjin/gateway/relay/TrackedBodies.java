package io.genjin.gateway.relay;

import io.genjin.gateway.relay.Instrumentation.Bodies;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Replaces a message's readable bodies (the first inline text/html and text/plain parts) with
 * instrumented ones, keeping everything else: attachments, the other headers, and the Message-ID
 * (Jakarta Mail would mint a new one on save; the one the client chose is what threads the replies
 * and what de-duplicates the Sent-folder copy).
 */
final class TrackedBodies {
    private TrackedBodies() {
    }

    /** The rewritten message, or empty when the instrumentation changed nothing. */
    static Optional<byte[]> rewrite(InputStream raw, UnaryOperator<Bodies> instrument) throws IOException {
        try {
            KeepMessageId message = new KeepMessageId(Session.getInstance(new Properties()), raw);
            Part html = find(message, "text/html");
            Part text = find(message, "text/plain");
            Bodies before = new Bodies(html == null ? null : content(html), text == null ? null : content(text));
            Bodies after = instrument.apply(before);
            boolean changed = false;
            if (html != null && after.html() != null && !after.html().equals(before.html())) {
                html.setContent(after.html(), "text/html; charset=UTF-8");
                html.removeHeader("Content-Transfer-Encoding"); // re-chosen on save for the new content
                changed = true;
            }
            if (text != null && after.text() != null && !after.text().equals(before.text())) {
                text.setContent(after.text(), "text/plain; charset=UTF-8");
                text.removeHeader("Content-Transfer-Encoding");
                changed = true;
            }
            if (!changed) {
                return Optional.empty();
            }
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return Optional.of(out.toByteArray());
        } catch (MessagingException e) {
            throw new IOException("cannot rewrite the message bodies: " + e.getMessage(), e);
        }
    }

    /** The readable body of this type: not an attachment, depth first, in a multipart/alternative or mixed. */
    private static Part find(Part part, String type) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return null;
        }
        if (part.isMimeType(type)) {
            return part;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Part found = find(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String content(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        return content instanceof String s ? s : null;
    }

    /** Saves without replacing the Message-ID the client set. */
    private static final class KeepMessageId extends MimeMessage {
        KeepMessageId(Session session, InputStream in) throws MessagingException {
            super(session, in);
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (getHeader("Message-ID") == null) {
                super.updateMessageID();
            }
        }
    }
}
