package io.genjin.store.relay;

import io.genjin.store.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Issues, checks and revokes relay passwords. 192 random bits in base64url (32 characters, easy to
 * paste into Foxmail's password field); unsalted SHA-256 for the same reason as API tokens: the
 * secret cannot be guessed, so a slow hash buys nothing, and a login is one indexed lookup.
 */
public class RelayCredentials {
    private static final String PREFIX = "gjr_";
    private final MongoOperations mongo;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    RelayCredentials(MongoOperations mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public Issued issue(String userId, String label) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        RelayCredential credential = mongo.insert(new RelayCredential(Ids.newId(), userId, label, hash(secret),
                clock.instant(), null, null));
        return new Issued(credential, secret);
    }

    /** The active credential with this secret, if any; notes when it was last used. */
    public Optional<RelayCredential> check(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        Query byHash = Query.query(Criteria.where("hash").is(hash(secret)).and("revokedAt").isNull());
        RelayCredential found = mongo.findAndModify(byHash, Update.update("lastUsedAt", clock.instant()),
                RelayCredential.class);
        return Optional.ofNullable(found);
    }

    public List<RelayCredential> ofUser(String userId) {
        return mongo.find(Query.query(Criteria.where("userId").is(userId)).with(Sort.by("createdAt")),
                RelayCredential.class);
    }

    /** Revokes one of this user's credentials; false when the user has no such credential. */
    public boolean revoke(String userId, String credentialId) {
        Query query = Query.query(Criteria.where("id").is(credentialId).and("userId").is(userId));
        if (!mongo.exists(query, RelayCredential.class)) {
            return false;
        }
        mongo.updateFirst(query.addCriteria(Criteria.where("revokedAt").isNull()),
                Update.update("revokedAt", clock.instant()), RelayCredential.class);
        return true;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** A freshly issued credential and its secret, which is never stored. */
    public record Issued(RelayCredential credential, String secret) {
    }
}
