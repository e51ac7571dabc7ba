package io.genjin.tracking.hit;

import java.time.Instant;
import java.util.List;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The hits of one tracked message written in one batch: append-only, never changed except that raw
 * addresses are replaced by their hashes once the retention period is over ({@code ipHashed}).
 * Buckets rather than a document per hit: a scanner storm of thousands of hits a second costs one
 * insert per batch, on the embedded store and on MongoDB alike (the bucket pattern).
 */
@Document("tracking_hits")
public record HitBucket(String id, String trackedId, String messageId, Instant first, Instant last, boolean ipHashed,
        List<StoredHit> hits) {

    public HitBucket {
        hits = hits == null ? List.of() : List.copyOf(hits);
    }
}
