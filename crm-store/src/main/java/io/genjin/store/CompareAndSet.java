package io.genjin.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.data.mongodb.core.BulkOperations;
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
    private final ReentrantLock[] stripes = new ReentrantLock[64];

    public CompareAndSet(MongoOperations mongo, boolean embedded) {
        this.mongo = mongo;
        this.embedded = embedded;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * One conditional change.
     *
     * @param filter    the condition as a MongoDB filter (besides the id), for the real server
     * @param condition the same condition on the Java object, for the embedded one
     */
    public record Change<T>(String id, Criteria filter, Predicate<T> condition, Update update) {
    }

    /** @return the changed document, or empty when it is gone or no longer matches */
    public <T> Optional<T> apply(Class<T> type, String id, Criteria filter, Predicate<T> condition, Update update) {
        if (!embedded) {
            return Optional.ofNullable(mongo.findAndModify(Query.query(new Criteria().andOperator(
                    Criteria.where("id").is(id), filter)), update, FindAndModifyOptions.options().returnNew(true), type));
        }
        List<ReentrantLock> held = lock(List.of(id));
        try {
            T current = mongo.findById(id, type);
            if (current == null || !condition.test(current)) {
                return Optional.empty();
            }
            mongo.updateFirst(byId(id), update, type);
            return Optional.ofNullable(mongo.findById(id, type));
        } finally {
            unlock(held);
        }
    }

    /**
     * Many changes (at most one per id), each applied only if its document still matches. On the
     * embedded store that is three round trips in all (read, write, read back) instead of three per
     * change; a real MongoDB runs one find-and-modify per change.
     *
     * @return the changed documents, in no particular order
     */
    public <T> List<T> applyAll(Class<T> type, Function<T, String> idOf, Collection<Change<T>> changes) {
        List<T> changed = new ArrayList<>();
        if (!embedded) {
            changes.forEach(c -> apply(type, c.id(), c.filter(), c.condition(), c.update()).ifPresent(changed::add));
            return changed;
        }
        if (changes.isEmpty()) {
            return changed;
        }
        Map<String, Change<T>> byId = new HashMap<>();
        changes.forEach(c -> byId.put(c.id(), c));
        List<ReentrantLock> held = lock(byId.keySet());
        try {
            List<String> matching = new ArrayList<>();
            for (T current : mongo.find(Query.query(Criteria.where("id").in(byId.keySet())), type)) {
                String id = idOf.apply(current);
                if (byId.get(id).condition().test(current)) {
                    matching.add(id);
                }
            }
            if (matching.isEmpty()) {
                return changed;
            }
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type);
            matching.forEach(id -> bulk.updateOne(byId(id), byId.get(id).update()));
            bulk.execute();
            changed.addAll(mongo.find(Query.query(Criteria.where("id").in(matching)), type));
            return changed;
        } finally {
            unlock(held);
        }
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("id").is(id));
    }

    /** Takes the ids' stripes in index order, so two callers with overlapping ids cannot deadlock. */
    private List<ReentrantLock> lock(Collection<String> ids) {
        TreeSet<Integer> indexes = new TreeSet<>();
        ids.forEach(id -> indexes.add(Math.floorMod(id.hashCode(), stripes.length)));
        List<ReentrantLock> held = new ArrayList<>(indexes.size());
        for (int index : indexes) {
            stripes[index].lock();
            held.add(stripes[index]);
        }
        return held;
    }

    private static void unlock(List<ReentrantLock> held) {
        for (int i = held.size() - 1; i >= 0; i--) {
            held.get(i).unlock();
        }
    }
}
