package io.genjin.store.user;

import java.time.Instant;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A per-user API token. Only the SHA-256 of the secret is stored; the secret itself is shown
 * once, when the token is issued.
 */
@Document("api_tokens")
public record ApiToken(String id, String userId, String label, String hash, Instant createdAt, Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
