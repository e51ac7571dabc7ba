package io.genjin.gateway.relay;

import io.genjin.gateway.RawMail;
import io.genjin.store.mailbox.MailboxAccount.Auth;
import io.genjin.store.mailbox.MailboxAccount.Security;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import io.genjin.store.outbound.OutboundGuard;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Delivers through Jakarta Mail (Angus) with the account's server, security and login. The message
 * is sent byte for byte as prepared: a MimeMessage read from a stream counts as saved, so the
 * transport does not rewrite its headers (no new Message-ID). QUIT is sent without waiting for its
 * reply, so the acceptance reaches the caller as soon as the server's 250 after DATA arrives.
 */
public final class JakartaUpstream implements Upstream {
    private final Duration timeout;
    private final OutboundGuard outbound;

    /** Connects wherever a mailbox's SMTP settings say: for tools and tests. */
    public JakartaUpstream(Duration timeout) {
        this(timeout, null);
    }

    /** Checks each mailbox's SMTP host with {@code outbound} right before connecting (a user chose it). */
    public JakartaUpstream(Duration timeout, OutboundGuard outbound) {
        this.timeout = timeout;
        this.outbound = outbound;
    }

    @Override
    public Delivery deliver(UpstreamLogin login, String envelopeFrom, List<String> recipients, RawMail message) {
        if (outbound != null) {
            try {
                outbound.check(login.host());
            } catch (OutboundGuard.Refused e) {
                // Temporary, as a refused login: an admin may allow the network, and the queue then sends it.
                return new Delivery(Delivery.Kind.TEMPORARY, 454, "4.7.0 " + login.host() + " is not allowed for outbound "
                        + "connections (" + e.reason() + "); an admin can allow its network");
            }
        }
        String protocol = login.security() == Security.SSL ? "smtps" : "smtp";
        Session session = Session.getInstance(properties(login, protocol, envelopeFrom));
        try (InputStream in = message.open()) {
            MimeMessage mime = new MimeMessage(session, in);
            InternetAddress[] to = new InternetAddress[recipients.size()];
            for (int i = 0; i < to.length; i++) {
                to[i] = new InternetAddress(recipients.get(i), false);
            }
            SMTPTransport transport = (SMTPTransport) session.getTransport(protocol);
            try {
                transport.connect(login.host(), login.port(), login.username(), login.secret());
                transport.sendMessage(mime, to);
                return Delivery.accepted(transport.getLastReturnCode(), text(transport.getLastServerResponse()));
            } finally {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // the message was handed over (or not) before QUIT; nothing left to do
                }
            }
        } catch (AuthenticationFailedException e) {
            // RFC 4954 §6: 454 is a temporary authentication failure. The user fixes the password in
            // Genjin and the queue sends the message; refusing it for good would lose it.
            return new Delivery(Delivery.Kind.TEMPORARY, 454, "4.7.0 " + login.host()
                    + " refused the login of " + login.username() + ": " + oneLine(e.getMessage()));
        } catch (MessagingException e) {
            return classify(e, login.host());
        } catch (IOException e) {
            return new Delivery(Delivery.Kind.TEMPORARY, 451, "4.4.1 cannot read the message: " + e.getMessage());
        }
    }

    private Properties properties(UpstreamLogin login, String protocol, String envelopeFrom) {
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        p.put(prefix + "host", login.host());
        p.put(prefix + "port", Integer.toString(login.port()));
        // A login without a user name (Genjin's own mail through a server that relays for it) sends no AUTH.
        p.put(prefix + "auth", Boolean.toString(login.username() != null && !login.username().isBlank()));
        p.put(prefix + "from", envelopeFrom);
        p.put(prefix + "connectiontimeout", Long.toString(timeout.toMillis()));
        p.put(prefix + "timeout", Long.toString(timeout.toMillis()));
        p.put(prefix + "writetimeout", Long.toString(timeout.toMillis()));
        // The 250 after DATA is the acceptance. Waiting for QUIT's reply as well would keep the caller
        // from recording the send for as long as a slow server sits on it (up to the timeout), and a
        // crash meanwhile would send the message again after the restart.
        p.put(prefix + "quitwait", "false");
        if (login.security() != Security.NONE) {
            p.put(prefix + "ssl.checkserveridentity", "true");
        }
        if (login.security() == Security.STARTTLS) {
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        if (login.auth() == Auth.XOAUTH2) {
            p.put(prefix + "auth.mechanisms", "XOAUTH2");
            p.put(prefix + "auth.xoauth2.disable", "false");
        }
        return p;
    }

    /** The upstream's reply to the command that failed; a failure without a reply is a network one. */
    static Delivery classify(MessagingException e, String host) {
        for (Exception cause = e; cause != null; ) {
            if (cause instanceof SMTPAddressFailedException a) {
                return Delivery.fromReply(a.getReturnCode(), text(a.getMessage()));
            }
            if (cause instanceof SMTPSendFailedException s && s.getReturnCode() > 0) {
                return Delivery.fromReply(s.getReturnCode(), text(s.getMessage()));
            }
            cause = cause instanceof MessagingException m ? m.getNextException() : null;
        }
        return new Delivery(Delivery.Kind.TEMPORARY, 451, "4.4.1 cannot reach " + host + ": "
                + oneLine(e.getCause() == null ? e.getMessage() : e.getCause().toString()));
    }

    /** "550 5.1.1 no such user" → "5.1.1 no such user" (the code travels separately). */
    static String text(String response) {
        String line = oneLine(response);
        return line.matches("^\\d{3}[ -].*") ? line.substring(4).trim() : line;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ").trim();
    }
}
