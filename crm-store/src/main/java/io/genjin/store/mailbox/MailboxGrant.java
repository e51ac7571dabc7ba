package io.genjin.store.mailbox;

import java.time.Instant;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What an OAuth 2.0 sign-in gave a mailbox: the refresh token (sealed like a password, bound to the
 * account id) and when the current access token, kept as the account's secret, expires. One document
 * per XOAUTH2 account (id = account id).
 *
 * @param provider           which configured authorization server issued it ({@code microsoft}, {@code google})
 * @param signInAgainSince   set when the provider refused the refresh token for good (RFC 6749 §5.2
 *                           {@code invalid_grant}: revoked, expired, password changed): only the user
 *                           signing in again helps, so nothing retries until then
 * @param lastRefreshError   the provider's last refusal or failure, for the admin's eyes
 */
@Document("mailbox_grants")
public record MailboxGrant(String id, String provider, String sealedRefreshToken, Instant accessExpiresAt,
        Instant signInAgainSince, String lastRefreshError, Instant updatedAt) {

    public boolean needsSignIn() {
        return signInAgainSince != null;
    }

    @Override
    public String toString() {
        return "MailboxGrant[" + id + ", " + provider + ", expires " + accessExpiresAt
                + (signInAgainSince == null ? "" : ", sign in again since " + signInAgainSince) + "]";
    }
}
