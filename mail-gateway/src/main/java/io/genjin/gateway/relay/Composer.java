package io.genjin.gateway.relay;

import io.genjin.gateway.RawMail;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.activation.DataHandler;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Properties;

/** Writes a {@link ComposedMail} as MIME: multipart/alternative of the text and its HTML rendering, UTF-8. */
public final class Composer {
    private final Clock clock;

    public Composer(Clock clock) {
        this.clock = clock;
    }

    public RawMail compose(ComposedMail mail) {
        return written(mail.messageId(), message -> {
            message.setFrom(new InternetAddress(mail.fromAddress(), mail.fromName(), "UTF-8"));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(mail.toAddress(), mail.toName(), "UTF-8"));
            headed(message, mail.subject(), mail.headers());
            message.setContent(alternative(mail.text(), html(mail.text())));
        });
    }

    /**
     * Writes a {@link RelatedMail}: multipart/related of a multipart/alternative (text, then HTML) and
     * the inline images, each with its Content-ID and {@code Content-Disposition: inline} (RFC 2387).
     */
    public RawMail compose(RelatedMail mail) {
        return written(mail.messageId(), message -> {
            if (mail.fromAddress() != null) {
                message.setFrom(new InternetAddress(mail.fromAddress(), mail.fromName(), "UTF-8"));
            }
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(mail.toAddress(), true));
            headed(message, mail.subject(), mail.headers());
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative(mail.text(), mail.html()));
            MimeMultipart related = new MimeMultipart("related", body);
            for (RelatedMail.Inline image : mail.images()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(image.bytes(), image.contentType())));
                part.setContentID("<" + image.contentId() + ">");
                part.setDisposition(MimeBodyPart.INLINE);
                part.setHeader("Content-Transfer-Encoding", "base64");
                related.addBodyPart(part);
            }
            message.setContent(related);
        });
    }

    /** Fills a message whose Message-ID is ours, then writes it out. */
    private interface Filling {
        void fill(MimeMessage message) throws MessagingException, IOException;
    }

    private static RawMail written(String messageId, Filling filling) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + messageId + ">");
                }
            };
            filling.fill(message);
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return RawMail.of(out.toByteArray());
        } catch (MessagingException e) {
            throw new IllegalArgumentException("cannot compose the message: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void headed(MimeMessage message, String subject, Map<String, String> headers) throws MessagingException {
        message.setSubject(subject, "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            message.setHeader(h.getKey(), h.getValue());
        }
    }

    private static MimeMultipart alternative(String plain, String html) throws MessagingException {
        MimeBodyPart text = new MimeBodyPart();
        text.setText(plain, "UTF-8", "plain");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, "UTF-8", "html");
        return new MimeMultipart("alternative", text, rich);
    }

    /** Paragraphs on blank lines, line breaks kept, everything escaped: the text as the recipient would read it. */
    static String html(String text) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"UTF-8\"></head><body>");
        for (String paragraph : text.replace("\r\n", "\n").split("\n{2,}")) {
            out.append("<p>").append(escape(paragraph).replace("\n", "<br>")).append("</p>");
        }
        return out.append("</body></html>").toString();
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

}
