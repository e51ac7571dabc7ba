package io.genjin.store.mailbox;

import java.time.Instant;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A user's IMAP mailbox that Genjin syncs. {@code sealedSecret} is the password or XOAUTH2 access
 * token sealed by {@link SecretCipher}; it never leaves the store in clear except to log in.
 */
@Document("mailbox_accounts")
public record MailboxAccount(
        String id,
        String userId,
        String host,
        int port,
        Security security,
        String username,
        String sealedSecret,
        Auth auth,
        boolean enabled,
        Instant createdAt) {

    /** NONE: plain text (test servers only). SSL: implicit TLS (port 993). STARTTLS: upgrade on 143, required. */
    public enum Security {
        NONE, SSL, STARTTLS
    }

    /** PASSWORD: LOGIN/PLAIN with a password or app password. XOAUTH2: an OAuth 2.0 access token. */
    public enum Auth {
        PASSWORD, XOAUTH2
    }

    public MailboxAccount withEnabled(boolean on) {
        return new MailboxAccount(id, userId, host, port, security, username, sealedSecret, auth, on, createdAt);
    }

    @Override
    public String toString() {
        return "MailboxAccount[id=" + id + ", userId=" + userId + ", " + username + "@" + host + ":" + port + ", "
                + security + ", " + auth + ", enabled=" + enabled + "]";
    }
}
