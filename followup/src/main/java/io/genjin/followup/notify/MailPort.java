package io.genjin.followup.notify;

/** Sends a plain-text email; the app implements it over its configured mail server. */
@FunctionalInterface
public interface MailPort {
    MailPort NONE = (to, subject, text) -> {
        throw new IllegalStateException("no mail server is configured (spring.mail.host)");
    };

    void send(String to, String subject, String text);
}
