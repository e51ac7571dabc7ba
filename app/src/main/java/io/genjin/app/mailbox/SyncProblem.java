package io.genjin.app.mailbox;

import java.util.List;
import java.util.Locale;

/**
 * What went wrong with a mailbox's sync, in the terms a salesperson can act on. Read from the
 * recorded error text (the exception and its root cause, as the sync writes them); the first kind
 * whose signs match wins, so the order below is the order of checks. The page shows the sentence
 * ({@code mailboxes.problem.<key>}) and keeps the technical text in a collapsed detail.
 */
public enum SyncProblem {
    /** The OAuth grant was refused (revoked, expired, password changed): sign in again. */
    SIGN_IN_AGAIN("signinagain", "signinagain", "invalid_grant", "sign in again"),
    HOST_UNKNOWN("hostunknown", "unknownhostexception", "the name does not resolve", "nodename nor servname"),
    /** Our own rule: the host is on a private or reserved network nobody allowed. */
    BLOCKED("blocked", "outbound connection to"),
    TIMEOUT("timeout", "sockettimeoutexception", "timed out", "connecttimeoutexception"),
    REFUSED("refused", "connection refused", "connectexception"),
    TLS("tls", "sslhandshakeexception", "sslexception", "pkix", "certificate", "ssl", "handshake", "tls"),
    AUTH("auth", "authenticationfailedexception", "authentication failed", "invalid credentials", "login failed",
            "authenticate failed", "[auth]", "unsafe login", "no login methods"),
    OTHER("other");

    private final String key;
    private final List<String> signs;

    SyncProblem(String key, String... signs) {
        this.key = key;
        this.signs = List.of(signs);
    }

    public String key() {
        return key;
    }

    /** The kind of problem the error text shows; null when there is no error. */
    public static SyncProblem of(String error) {
        if (error == null || error.isBlank()) {
            return null;
        }
        String text = error.toLowerCase(Locale.ROOT);
        for (SyncProblem problem : values()) {
            if (problem.signs.stream().anyMatch(text::contains)) {
                return problem;
            }
        }
        return OTHER;
    }
}
