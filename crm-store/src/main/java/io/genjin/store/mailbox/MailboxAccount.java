package io.genjin.store.mailbox;

import java.time.Instant;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A user's IMAP mailbox that Genjin syncs. {@code sealedSecret} is the password or XOAUTH2 access
 * token sealed by {@link SecretCipher}; it never leaves the store in clear except to log in.
 * {@code smtp} is the same provider's submission server, used with the same username and secret to
 * send as this user (the SMTP relay, sequences); null when the account cannot send.
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
        Instant createdAt,
        Smtp smtp) {

    /** An account that only syncs (no SMTP server known). */
    public MailboxAccount(String id, String userId, String host, int port, Security security, String username,
            String sealedSecret, Auth auth, boolean enabled, Instant createdAt) {
        this(id, userId, host, port, security, username, sealedSecret, auth, enabled, createdAt, null);
    }

    /** NONE: plain text (test servers only). SSL: implicit TLS (port 993). STARTTLS: upgrade on 143, required. */
    public enum Security {
        NONE, SSL, STARTTLS
    }

    /** PASSWORD: LOGIN/PLAIN with a password or app password. XOAUTH2: an OAuth 2.0 access token. */
    public enum Auth {
        PASSWORD, XOAUTH2
    }

    /**
     * The provider's SMTP submission server. SSL: implicit TLS (465). STARTTLS: upgrade on 587 (or 25),
     * required. NONE: plain text, for test servers only.
     */
    public record Smtp(String host, int port, Security security) {
        public Smtp {
            if (host == null || host.isBlank()) {
                throw new io.genjin.store.Invalid("an SMTP server needs a host");
            }
            if (port < 1 || port > 65535) {
                throw new io.genjin.store.Invalid("SMTP port must be 1..65535, was " + port);
            }
            security = security == null ? Security.STARTTLS : security;
        }
    }

    public boolean canSend() {
        return enabled && smtp != null;
    }

    public MailboxAccount withEnabled(boolean on) {
        return new MailboxAccount(id, userId, host, port, security, username, sealedSecret, auth, on, createdAt, smtp);
    }

    @Override
    public String toString() {
        return "MailboxAccount[id=" + id + ", userId=" + userId + ", " + username + "@" + host + ":" + port + ", "
                + security + ", " + auth + ", enabled=" + enabled
                + (smtp == null ? "" : ", smtp=" + smtp.host() + ":" + smtp.port() + " " + smtp.security()) + "]";
    }
}
