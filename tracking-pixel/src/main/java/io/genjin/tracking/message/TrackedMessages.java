package io.genjin.tracking.message;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** Tracked messages, unique by Message-ID: instrumenting the same message twice returns the first mapping. */
public class TrackedMessages {
    private final MongoOperations mongo;

    public TrackedMessages(MongoOperations mongo) {
        this.mongo = mongo;
        mongo.indexOps(TrackedMessage.class).createIndex(new Index().on("messageId", Sort.Direction.ASC).unique()
                .named("tracking_message_id"));
        // Unique because it ends in _id: the embedded server builds unique indexes only.
        mongo.indexOps(TrackedMessage.class).createIndex(new Index().on("companyId", Sort.Direction.ASC)
                .on("_id", Sort.Direction.ASC).unique().named("tracking_company"));
    }

    /** Stores the message unless one with its Message-ID exists; returns what is stored and whether this call stored it. */
    public Stored insert(TrackedMessage message) {
        try {
            return new Stored(mongo.insert(message), true);
        } catch (DuplicateKeyException duplicate) {
            return new Stored(byMessageId(message.messageId()).orElseThrow(), false);
        }
    }

    public Optional<TrackedMessage> find(String id) {
        return Optional.ofNullable(mongo.findById(id, TrackedMessage.class));
    }

    public Optional<TrackedMessage> byMessageId(String messageId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("messageId").is(messageId)), TrackedMessage.class));
    }

    /**
     * The counters of the tracked messages with these Message-IDs (without the times), by Message-ID: one
     * {@code $in} query per thousand ids on the unique Message-ID index (built on the embedded store
     * as on MongoDB).
     */
    public java.util.Map<String, Counters> countersByMessageIds(Collection<String> messageIds) {
        List<String> ids = messageIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
        java.util.Map<String, Counters> out = new java.util.HashMap<>();
        String collection = mongo.getCollectionName(TrackedMessage.class);
        for (int i = 0; i < ids.size(); i += 1000) {
            Query query = Query.query(Criteria.where("messageId").in(ids.subList(i, Math.min(ids.size(), i + 1000))));
            query.fields().include("messageId", "counters");
            for (org.bson.Document d : mongo.find(query, org.bson.Document.class, collection)) {
                org.bson.Document c = d.get("counters", org.bson.Document.class);
                out.put(d.getString("messageId"), c == null ? Counters.ZERO
                        : new Counters(number(c, "opens"), number(c, "humanOpens"), number(c, "clicks"),
                                number(c, "humanClicks"), number(c, "sessions"), null, null));
            }
        }
        return out;
    }

    private static long number(org.bson.Document d, String field) {
        return d.get(field) instanceof Number n ? n.longValue() : 0;
    }

    public List<TrackedMessage> byIds(Collection<String> ids) {
        return mongo.find(Query.query(Criteria.where("id").in(ids)), TrackedMessage.class);
    }

    public List<TrackedMessage> ofCompany(String companyId, int limit) {
        return mongo.find(Query.query(Criteria.where("companyId").is(companyId))
                .with(Sort.by(Sort.Order.desc("_id"))).limit(limit), TrackedMessage.class);
    }

    public long countOf(String companyId) {
        return mongo.count(Query.query(Criteria.where("companyId").is(companyId)), TrackedMessage.class);
    }

    /** A company merge: the tracked messages (and the hits still to come on them) belong to the survivor. */
    public long moveAll(String fromCompanyId, String toCompanyId) {
        // Counted first: the driver's update result stays inside the store module.
        Query of = Query.query(Criteria.where("companyId").is(fromCompanyId));
        long moving = mongo.count(of, TrackedMessage.class);
        mongo.updateMulti(of, Update.update("companyId", toCompanyId), TrackedMessage.class);
        return moving;
    }

    /** Applies a batch's counter increments and recipient histories in one single-document update. */
    public void apply(String id, Update update) {
        mongo.updateFirst(Query.query(Criteria.where("id").is(id)), update, TrackedMessage.class);
    }

    /** How many fold ids a tracked message keeps (far more than a writer applies between two journal clean-ups). */
    static final int FOLDS_KEPT = 64;

    /**
     * Applies one fold of the hit journal (a batch's counter increments and recipient histories)
     * unless this message has it already, recording the fold's id in the same single-document
     * update; false when it was applied before (a fold done again after a crash). Read, then update
     * by id (the embedded store serves only an id-alone filter from an index): one writer thread per
     * process applies a fold, and another process takes one over only from a process long gone.
     */
    public boolean applyOnce(String id, String foldId, Update update) {
        Query byId = Query.query(Criteria.where("id").is(id));
        // Read as a plain document (the record has no folds), so with the id as Spring Data stores it.
        Query folds = Query.query(Criteria.where("_id").is(io.genjin.store.Ids.stored(id)));
        folds.fields().include("folds");
        org.bson.Document stored = mongo.findOne(folds, org.bson.Document.class, mongo.getCollectionName(TrackedMessage.class));
        if (stored == null || stored.getList("folds", String.class, List.of()).contains(foldId)) {
            return false;
        }
        update.push("folds").slice(-FOLDS_KEPT).each(foldId);
        mongo.updateFirst(byId, update, TrackedMessage.class);
        return true;
    }

    /** The outcome of {@link #insert}. */
    public record Stored(TrackedMessage message, boolean created) {
    }
}
