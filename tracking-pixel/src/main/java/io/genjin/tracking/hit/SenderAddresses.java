package io.genjin.tracking.hit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Addresses (hashed) from which a salesperson opened their own sent copy: an open of a customer's
 * copy from the same address within {@link #MEMORY} is the salesperson again (an office, a laptop),
 * not the customer. Kept in the store for every replica; read through a per-owner cache refreshed
 * every minute. Used by the writer thread only.
 */
final class SenderAddresses {
    static final Duration MEMORY = Duration.ofDays(30);
    private static final Duration REFRESH = Duration.ofMinutes(1);
    private final MongoOperations mongo;
    private final Clock clock;
    private final Map<String, Cached> cache = new HashMap<>();

    SenderAddresses(MongoOperations mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    boolean isSenders(String ownerId, String ipHash, Instant at) {
        if (ownerId == null || ipHash == null) {
            return false;
        }
        Instant seen = of(ownerId).get(ipHash);
        return seen != null && seen.isAfter(at.minus(MEMORY));
    }

    void remember(String ownerId, String ipHash, Instant at) {
        if (ownerId == null || ipHash == null) {
            return;
        }
        mongo.upsert(Query.query(Criteria.where("id").is(ownerId + ":" + ipHash)),
                new Update().set("ownerId", ownerId).set("ipHash", ipHash).max("lastSeen", at), SenderAddress.class);
        of(ownerId).merge(ipHash, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    private Map<String, Instant> of(String ownerId) {
        Instant now = clock.instant();
        Cached cached = cache.get(ownerId);
        if (cached == null || cached.loadedAt().plus(REFRESH).isBefore(now)) {
            Map<String, Instant> seen = new HashMap<>();
            mongo.find(Query.query(Criteria.where("ownerId").is(ownerId)), SenderAddress.class)
                    .forEach(s -> seen.put(s.ipHash(), s.lastSeen()));
            cached = new Cached(now, seen);
            if (cache.size() > 10_000) {
                cache.clear();
            }
            cache.put(ownerId, cached);
        }
        return cached.seen();
    }

    private record Cached(Instant loadedAt, Map<String, Instant> seen) {
    }

    @Document("tracking_sender_addresses")
    record SenderAddress(String id, String ownerId, String ipHash, Instant lastSeen) {
    }
}
