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

    public List<StoredHit> hits() {
        return lines.stream().map(StoredHit::of).toList();
    }
}
