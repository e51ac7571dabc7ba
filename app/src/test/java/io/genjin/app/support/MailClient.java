package io.genjin.app.support;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/**
 * What Foxmail, Outlook or Thunderbird do against the relay on a loopback port: STARTTLS (its
 * certificate accepted once), then AUTH. Tests build their message on {@link #session} and send it
 * with {@code Transport.send(message, user, password)}.
 */
public final class MailClient {
    private MailClient() {
    }

    /** A session for the relay at 127.0.0.1:port; {@code timeoutMillis} bounds each read. */
    public static Session session(int port, int timeoutMillis) {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.trust", "127.0.0.1");
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", Integer.toString(timeoutMillis));
        return Session.getInstance(p);
    }

    public static Session session(int port) {
        return session(port, 30_000);
    }

    /** A message that keeps the Message-ID the test gives it (the mail client's own, as on real mail). */
    public static MimeMessage message(Session session, String messageId) {
        return new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
    }
}
