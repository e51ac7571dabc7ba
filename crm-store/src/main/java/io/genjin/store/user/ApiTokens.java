package io.genjin.store.user;

import io.genjin.store.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Issues, resolves and revokes API tokens. Secrets carry 256 random bits, so an unsalted SHA-256
 * is enough to make a stolen database useless for signing in (a slow password hash buys nothing
 * against a secret that cannot be guessed) and lets a request be resolved by one indexed lookup.
 */
public class ApiTokens {
    private static final String PREFIX = "gj_";
    private final MongoOperations mongo;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(MongoOperations mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public IssuedToken issue(String userId, String label) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new IssuedToken(register(userId, label, secret), secret);
    }

    /** Registers a secret chosen by the operator (the bootstrap admin token from configuration). */
    public ApiToken register(String userId, String label, String secret) {
        ApiToken token = new ApiToken(Ids.newId(), userId, label, hash(secret), clock.instant(), null);
        return mongo.insert(token);
    }

    public Optional<ApiToken> resolve(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        ApiToken token = mongo.findOne(Query.query(Criteria.where("hash").is(hash(secret))), ApiToken.class);
        return Optional.ofNullable(token).filter(ApiToken::active);
    }

    /** Whether the token with this id exists and is not revoked (a web session signed in with it checks). */
    public boolean active(String tokenId) {
        ApiToken token = tokenId == null ? null : mongo.findById(tokenId, ApiToken.class);
        return token != null && token.active();
    }

    public boolean exists(String secret) {
        return mongo.exists(Query.query(Criteria.where("hash").is(hash(secret))), ApiToken.class);
    }

    public boolean anyForUser(String userId) {
        return mongo.exists(Query.query(Criteria.where("userId").is(userId)), ApiToken.class);
    }

    public void revoke(String tokenId) {
        mongo.updateFirst(Query.query(Criteria.where("id").is(tokenId).and("revokedAt").isNull()),
                Update.update("revokedAt", clock.instant()), ApiToken.class);
    }

    /** Revokes one of this user's tokens; false when the user has no such token. */
    public boolean revoke(String userId, String tokenId) {
        Query query = Query.query(Criteria.where("id").is(tokenId).and("userId").is(userId));
        if (!mongo.exists(query, ApiToken.class)) {
            return false;
        }
        revoke(tokenId);
        return true;
    }

    public java.util.List<ApiToken> ofUser(String userId) {
        return mongo.find(Query.query(Criteria.where("userId").is(userId))
                .with(org.springframework.data.domain.Sort.by("createdAt")), ApiToken.class);
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
