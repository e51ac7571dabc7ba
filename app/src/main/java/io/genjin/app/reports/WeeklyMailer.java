package io.genjin.app.reports;

import io.genjin.reports.weekly.SendWeeklyReports;
import io.genjin.store.user.User;
import java.time.LocalDate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends weekly report mails through the mail server Genjin's own mail leaves by ({@code spring.mail.*},
 * the one notifications use): these are Genjin's mails to its users, not a user's mail to customers,
 * so they do not go through a user's mailbox and never land on a customer's timeline.
 */
class WeeklyMailer implements SendWeeklyReports.Mailer {
    /** No mail server is configured. */
    static final class NoMailServer extends IllegalStateException {
        NoMailServer() {
            super("no mail server is configured (spring.mail.host)");
        }
    }

    private final WeeklyMail mail;
    private final ObjectProvider<JavaMailSender> sender;

    WeeklyMailer(WeeklyMail mail, ObjectProvider<JavaMailSender> sender) {
        this.mail = mail;
        this.sender = sender;
    }

    boolean configured() {
        return sender.getIfAvailable() != null;
    }

    @Override
    public void send(User manager, LocalDate week) {
        sendTo(manager, week, manager.primaryAddress());
    }

    /** Renders {@code manager}'s report for {@code week} and hands it to the mail server; throws when it was not taken. */
    WeeklyMail.Rendered sendTo(User manager, LocalDate week, String to) {
        JavaMailSender server = sender.getIfAvailable();
        if (server == null) {
            throw new NoMailServer();
        }
        WeeklyMail.Rendered rendered = mail.render(manager, week, true);
        server.send(mail.mime(server, to, rendered));
        return rendered;
    }

    WeeklyMail mail() {
        return mail;
    }
}
