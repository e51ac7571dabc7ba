package io.genjin.tracking.hit;

import java.time.Instant;
import java.util.List;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * The hits of one tracked message written in one batch: append-only, never changed except that raw
 * addresses are replaced by their hashes once the retention period is over ({@code ipHashed}).
 * Buckets rather than a document per hit: a scanner storm of thousands of hits a second costs one
 * insert per batch, on the embedded store and on MongoDB alike (the bucket pattern). Each hit is one
 * line ({@link StoredHit#line()}).
 */
@Document("tracking_hits")
public record HitBucket(String id, String trackedId, String messageId, Instant first, Instant last, boolean ipHashed,
        @Field("hits") List<String> lines) {

    public HitBucket {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    static HitBucket of(String id, String trackedId, String messageId, Instant first, Instant last, List<StoredHit> hits) {
        return new HitBucket(id, trackedId, messageId, first, last, false, hits.stream().map(StoredHit::line).toList());
    }

    /**
     * The bucket of one message in one fold of the hit journal: the same for the fold done again
     * after a crash, so it is not stored twice. An ObjectId (as every other id): the fold's time,
     * then 8 bytes of a hash of both ids, so buckets still sort by when they were written.
     */
    static String idOf(String foldId, String trackedId) {
        byte[] fold = new org.bson.types.ObjectId(foldId).toByteArray();
        byte[] hash;
        try {
            hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((foldId + "/" + trackedId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] id = new byte[12];
        System.arraycopy(fold, 0, id, 0, 4);
        System.arraycopy(hash, 0, id, 4, 8);
        return new org.bson.types.ObjectId(id).toHexString();
    }

    public List<StoredHit> hits() {
        return lines.stream().map(StoredHit::of).toList();
    }
}
