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

    /** The outcome of {@link #insert}. */
    public record Stored(TrackedMessage message, boolean created) {
    }
}
