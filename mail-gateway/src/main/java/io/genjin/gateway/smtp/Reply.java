package io.genjin.gateway.smtp;

import org.subethamail.smtp.RejectException;

/**
 * Every refusal the dropbox answers, in one place. SMTP replies are US-ASCII (RFC 5321 §2.4 without
 * SMTPUTF8), so they are English here; docs/dropbox.md explains each one in 中文 for the salesperson
 * who finds it in a bounce. Enhanced status codes follow RFC 3463.
 */
record Reply(int code, String text) {

    static Reply notAUser(String sender) {
        return new Reply(550, "5.7.1 <" + sender + "> is not a Genjin user; only team members can send to"
                + " the CRM dropbox");
    }

    static Reply noSuchDropbox(String recipient) {
        return new Reply(550, "5.1.1 <" + recipient + ">: no such dropbox address (this server only"
                + " accepts mail for the CRM dropbox and relays nothing)");
    }

    static Reply tooBig(long limit) {
        return new Reply(552, "5.3.4 Message too big for the CRM dropbox (limit " + limit + " bytes)");
    }

    static Reply headerFromMismatch(String sender) {
        return new Reply(550, "5.7.1 The From: header is not one of the addresses of <" + sender
                + ">; the CRM dropbox only logs mail its users wrote or forwarded themselves");
    }

    static Reply tryLater() {
        return new Reply(451, "4.3.0 Temporary failure: the message was not logged; please try again later");
    }

    static Reply networkNotAllowed() {
        return new Reply(554, "5.7.1 Your network is not allowed to use the CRM dropbox");
    }

    RejectException reject() {
        return new RejectException(code, text);
    }

    @Override
    public String toString() {
        return code + " " + text;
    }
}
