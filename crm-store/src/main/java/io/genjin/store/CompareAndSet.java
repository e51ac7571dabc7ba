package io.genjin.store;

import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * "Change this document if it still is as I think": a find-and-modify on a real MongoDB. The embedded
 * server finds a document by index only when the filter is the id alone — a filter with one more
 * field reads the whole collection, for every such update — so there the check runs here, under a
 * lock per id, between a read and a write that are both by id. The embedded server serves one
 * process (its data file is locked), so the lock is as good as the server's atomicity.
 */
public final class CompareAndSet {
    private final MongoOperations mongo;
    private final boolean embedded;
    private final Object[] stripes = new Object[64];

    public CompareAndSet(MongoOperations mongo, boolean embedded) {
        this.mongo = mongo;
        this.embedded = embedded;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * @param filter    the condition as a MongoDB filter (besides the id), for the real server
     * @param condition the same condition on the Java object, for the embedded one
     * @return the changed document, or empty when it is gone or no longer matches
     */
    public <T> Optional<T> apply(Class<T> type, String id, Criteria filter, Predicate<T> condition, Update update) {
        if (!embedded) {
            return Optional.ofNullable(mongo.findAndModify(Query.query(new Criteria().andOperator(
                    Criteria.where("id").is(id), filter)), update, FindAndModifyOptions.options().returnNew(true), type));
        }
        synchronized (stripes[Math.floorMod(id.hashCode(), stripes.length)]) {
            T current = mongo.findById(id, type);
            if (current == null || !condition.test(current)) {
                return Optional.empty();
            }
            mongo.updateFirst(Query.query(Criteria.where("id").is(id)), update, type);
            return Optional.ofNullable(mongo.findById(id, type));
        }
    }
}
