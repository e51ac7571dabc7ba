package io.genjin.store.relay;

import java.time.Instant;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A password a user's mail client signs in to the SMTP relay with. Only the SHA-256 of the secret is
 * stored, as for API tokens; the secret is shown once, when issued. The username the client sends is
 * any of the user's own addresses.
 */
@Document("relay_credentials")
public record RelayCredential(String id, String userId, String label, String hash, Instant createdAt,
        Instant revokedAt, Instant lastUsedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
