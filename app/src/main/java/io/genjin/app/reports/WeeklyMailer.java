package io.genjin.app.reports;

import io.genjin.gateway.relay.Delivery;
import io.genjin.gateway.relay.Upstream;
import io.genjin.gateway.relay.UpstreamLogin;
import io.genjin.reports.weekly.SendWeeklyReports;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.user.User;
import java.time.LocalDate;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.mail.autoconfigure.MailProperties;

/**
 * Sends weekly report mails to the mail server Genjin's own mail leaves by ({@code spring.mail.*},
 * the one notifications use), through the product's SMTP client ({@link Upstream}, the relay's
 * {@code JakartaUpstream}). These are Genjin's mails to its users, not a user's mail to customers,
 * so they do not go out through a user's own mailbox and never land on a customer's timeline.
 */
class WeeklyMailer implements SendWeeklyReports.Mailer {
    /** No mail server is configured. */
    static final class NoMailServer extends IllegalStateException {
        NoMailServer() {
            super("no mail server is configured (spring.mail.host)");
        }
    }

    /** The mail server did not take the mail. */
    static final class NotTaken extends IllegalStateException {
        NotTaken(Delivery delivery) {
            super("the mail server answered " + delivery.code() + " " + delivery.reply());
        }
    }

    private final WeeklyMail mail;
    private final ObjectProvider<MailProperties> server;
    private final Upstream upstream;

    WeeklyMailer(WeeklyMail mail, ObjectProvider<MailProperties> server, Upstream upstream) {
        this.mail = mail;
        this.server = server;
        this.upstream = upstream;
    }

    boolean configured() {
        MailProperties p = server.getIfAvailable();
        return p != null && p.getHost() != null && !p.getHost().isBlank();
    }

    @Override
    public void send(User manager, LocalDate week) {
        sendTo(manager, week, manager.primaryAddress());
    }

    /** Renders {@code manager}'s report for {@code week} and hands it to the mail server; throws when it was not taken. */
    WeeklyMail.Rendered sendTo(User manager, LocalDate week, String to) {
        if (!configured()) {
            throw new NoMailServer();
        }
        MailProperties p = server.getObject();
        WeeklyMail.Rendered rendered = mail.render(manager, week, true);
        String envelopeFrom = mail.from() != null ? mail.from() : p.getUsername() != null && p.getUsername().contains("@")
                ? p.getUsername() : "genjin@" + p.getHost();
        Delivery delivery = upstream.deliver(login(p), envelopeFrom, List.of(to), mail.mime(to, rendered));
        if (delivery.kind() != Delivery.Kind.ACCEPTED) {
            throw new NotTaken(delivery);
        }
        return rendered;
    }

    /** spring.mail.* as a login: {@code protocol=smtps} or {@code ssl.enabled} is TLS from the start, {@code mail.smtp.starttls.enable} STARTTLS. */
    static UpstreamLogin login(MailProperties p) {
        MailboxAccount.Security security = "smtps".equalsIgnoreCase(p.getProtocol()) || p.getSsl().isEnabled()
                ? MailboxAccount.Security.SSL
                : "true".equalsIgnoreCase(p.getProperties().get("mail.smtp.starttls.enable"))
                        ? MailboxAccount.Security.STARTTLS : MailboxAccount.Security.NONE;
        int port = p.getPort() != null ? p.getPort() : security == MailboxAccount.Security.SSL ? 465 : 25;
        return new UpstreamLogin(p.getHost(), port, security, p.getUsername(), p.getPassword(),
                MailboxAccount.Auth.PASSWORD);
    }

    WeeklyMail mail() {
        return mail;
    }
}
