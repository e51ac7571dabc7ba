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
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + mail.messageId() + ">");
                }
            };
            message.setFrom(new InternetAddress(mail.fromAddress(), mail.fromName(), "UTF-8"));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(mail.toAddress(), mail.toName(), "UTF-8"));
            message.setSubject(mail.subject(), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            for (Map.Entry<String, String> h : mail.headers().entrySet()) {
                message.setHeader(h.getKey(), h.getValue());
            }
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(html(mail.text()), "UTF-8", "html");
            MimeMultipart alternative = new MimeMultipart("alternative", text, html);
            message.setContent(alternative);
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

    /**
     * Writes a {@link RelatedMail}: multipart/related of a multipart/alternative (text, then HTML) and
     * the inline images, each with its Content-ID and {@code Content-Disposition: inline} (RFC 2387).
     */
    public RawMail compose(RelatedMail mail) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + mail.messageId() + ">");
                }
            };
            if (mail.fromAddress() != null) {
                message.setFrom(new InternetAddress(mail.fromAddress(), mail.fromName(), "UTF-8"));
            }
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(mail.toAddress(), true));
            message.setSubject(mail.subject(), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            for (Map.Entry<String, String> h : mail.headers().entrySet()) {
                message.setHeader(h.getKey(), h.getValue());
            }
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html(), "UTF-8", "html");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(new MimeMultipart("alternative", text, html));
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
