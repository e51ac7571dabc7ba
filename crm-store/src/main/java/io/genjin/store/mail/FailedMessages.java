package io.genjin.store.mail;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** The replayable error store: one record per raw message and source, however often it failed. */
public class FailedMessages {
    private final MongoOperations mongo;

    FailedMessages(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** Records (or re-records) a failure; the id is the caller's stable key, so a retry updates the same record. */
    public FailedMessage record(String id, String rawKey, String messageId, Map<String, String> source, String step,
            String error, Instant at) {
        Update update = new Update().set("rawKey", rawKey).set("messageId", messageId).set("source", source)
                .set("step", step).set("error", error).set("failedAt", at).unset("resolvedAt").inc("attempts", 1);
        return mongo.findAndModify(Query.query(Criteria.where("id").is(id)), update,
                FindAndModifyOptions.options().upsert(true).returnNew(true), FailedMessage.class);
    }

    public Optional<FailedMessage> find(String id) {
        return Optional.ofNullable(mongo.findById(id, FailedMessage.class));
    }

    /** Unresolved failures, newest first. */
    public List<FailedMessage> open(int limit) {
        return mongo.find(Query.query(Criteria.where("resolvedAt").is(null))
                .with(Sort.by(Sort.Direction.DESC, "failedAt")).limit(limit), FailedMessage.class);
    }

    public void resolve(String id, Instant at) {
        mongo.updateFirst(Query.query(Criteria.where("id").is(id)), Update.update("resolvedAt", at), FailedMessage.class);
    }
}
