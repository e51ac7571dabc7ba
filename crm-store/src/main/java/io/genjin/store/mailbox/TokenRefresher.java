package io.genjin.store.mailbox;

import java.time.Instant;

/**
 * Trades a refresh token for a fresh access token at the provider's token endpoint (RFC 6749 §6).
 * Implemented where the HTTP client and the provider settings live; the store only decides when.
 */
@FunctionalInterface
public interface TokenRefresher {

    /** No OAuth client configured: access tokens are used as they are until the server refuses them. */
    TokenRefresher NONE = (provider, refreshToken) -> {
        throw new IllegalStateException("no OAuth client is configured for " + provider);
    };

    /**
     * @throws Refused      the provider refused the grant for good ({@code invalid_grant} and the like)
     * @throws RuntimeException anything else (network, 5xx): transient, tried again on the next use
     */
    Refreshed refresh(String provider, String refreshToken);

    /** A new access token; {@code refreshToken} is null when the provider kept the old one (Google does). */
    record Refreshed(String accessToken, Instant expiresAt, String refreshToken) {
        @Override
        public String toString() {
            return "Refreshed[expires " + expiresAt + ", rotated=" + (refreshToken != null) + "]";
        }
    }

    /** The provider will not refresh this grant again: the user must sign in again. */
    final class Refused extends RuntimeException {
        public Refused(String why) {
            super(why);
        }
    }
}
