package io.genjin.tracking.hit;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** The append-only hit log, in buckets per message and batch. */
public class HitBuckets {
    private final MongoOperations mongo;

    public HitBuckets(MongoOperations mongo) {
        this.mongo = mongo;
        // Unique because it ends in _id (ids grow with time): the embedded server builds it, so a
        // message's hits are read without a scan.
        mongo.indexOps(HitBucket.class).createIndex(new Index().on("trackedId", Sort.Direction.ASC)
                .on("_id", Sort.Direction.ASC).unique().named("tracking_hits_message"));
        mongo.indexOps(HitBucket.class).createIndex(new Index().on("ipHashed", Sort.Direction.ASC)
                .on("last", Sort.Direction.ASC).named("tracking_hits_retention"));
    }

    public void insert(Collection<HitBucket> buckets) {
        if (!buckets.isEmpty()) {
            mongo.insert(buckets, HitBucket.class);
        }
    }

    public boolean exists(String id) {
        return mongo.exists(Query.query(Criteria.where("_id").is(id)), HitBucket.class);
    }

    /** A message's buckets, newest first. */
    public List<HitBucket> ofMessage(String trackedId, int limit) {
        return mongo.find(Query.query(Criteria.where("trackedId").is(trackedId))
                .with(Sort.by(Sort.Order.desc("_id"))).limit(limit), HitBucket.class);
    }

    /** How many hits are stored for a message (the bench compares this with the requests it sent). */
    public long countHits(String trackedId) {
        Aggregation count = Aggregation.newAggregation(
                Aggregation.match(Criteria.where("trackedId").is(trackedId)),
                Aggregation.project().and("hits").size().as("n"),
                Aggregation.group().sum("n").as("total"));
        org.bson.Document result = mongo.aggregate(count, HitBucket.class, org.bson.Document.class).getUniqueMappedResult();
        return result == null ? 0 : ((Number) result.get("total")).longValue();
    }

    /** Buckets whose newest hit is older than the cutoff and that still hold raw addresses. */
    public List<HitBucket> withRawAddressesBefore(Instant cutoff, int limit) {
        return mongo.find(Query.query(Criteria.where("ipHashed").is(false).and("last").lt(cutoff)).limit(limit),
                HitBucket.class);
    }

    public void replaceHits(String bucketId, List<StoredHit> hits) {
        mongo.updateFirst(Query.query(Criteria.where("id").is(bucketId)),
                Update.update("hits", hits.stream().map(StoredHit::line).toList()).set("ipHashed", true), HitBucket.class);
    }
}
