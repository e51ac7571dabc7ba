package io.genjin.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
        Change<T> change = new Change<>(id, filter, condition, update);
        if (!embedded) {
            return findAndModify(type, change);
        }
        return checkedById(type, found -> id, List.of(change)).stream().findFirst();
    }

    /**
     * Many changes (at most one per id), each applied only if its document still matches. On the
     * embedded store that is three round trips in all (read, write, read back) instead of three per
     * change; a real MongoDB runs one find-and-modify per change.
     *
     * @return the changed documents, in the order of their changes
     */
    public <T> List<T> applyAll(Class<T> type, Function<T, String> idOf, List<Change<T>> changes) {
        if (!embedded) {
            return changes.stream().map(c -> findAndModify(type, c)).flatMap(Optional::stream).toList();
        }
        return checkedById(type, idOf, changes);
    }

    private <T> Optional<T> findAndModify(Class<T> type, Change<T> change) {
        return Optional.ofNullable(mongo.findAndModify(Query.query(new Criteria().andOperator(
                        Criteria.where("id").is(change.id()), change.filter())), change.update(),
                FindAndModifyOptions.options().returnNew(true), type));
    }

    /** The embedded store's way: the condition checked here, reads and writes by id only, under the ids' locks. */
    private <T> List<T> checkedById(Class<T> type, Function<T, String> idOf, List<Change<T>> changes) {
        if (changes.isEmpty()) {
            return List.of();
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
                return List.of();
            }
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type);
            matching.forEach(id -> bulk.updateOne(byId(id), byId.get(id).update()));
            bulk.execute();
            Map<String, T> changed = new HashMap<>();
            mongo.find(Query.query(Criteria.where("id").in(matching)), type).forEach(t -> changed.put(idOf.apply(t), t));
            return changes.stream().map(c -> changed.get(c.id())).filter(Objects::nonNull).toList();
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
