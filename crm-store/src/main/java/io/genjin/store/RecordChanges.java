package io.genjin.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The customers whose orders, payments, tasks or company record (owner, merge) were written since a
 * reader last cleared them: the nightly health recompute reads these marks instead of reading every
 * order, payment, task and customer to find out whose changed (the embedded store builds no index on
 * {@code companyId}, so "changed since" would scan each collection).
 *
 * <p>{@link Orders}, {@link io.genjin.store.task.Tasks} and {@link io.genjin.store.customer.Companies}
 * mark a customer <em>after</em> each write of its records, in the same call: a reader that sees a mark
 * therefore sees the write. A reader clears only the marks it read, so a mark set meanwhile survives to
 * its next read. A process that stops between a write and its mark loses that mark; the reader covers
 * that with a periodic full comparison. One upsert by id per write, into one of 64 bucket documents of
 * {@code record_changes}.
 */
public final class RecordChanges {
    static final int BUCKETS = 64;
    private static final String COLLECTION = "record_changes";
    private final MongoOperations mongo;
    private final java.util.List<java.util.function.Consumer<Collection<String>>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public RecordChanges(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /**
     * Also tells {@code listener}, in this process, of every customer marked here, after its mark is
     * written (the health score recomputes such a customer at once; the marks still reach the nightly
     * run, which covers the writes of other processes and anything a listener missed). A listener must
     * not block: it runs on the writer's thread.
     */
    public void onMark(java.util.function.Consumer<Collection<String>> listener) {
        listeners.add(listener);
    }

    /** Marks these customers (nulls are skipped). */
    public void mark(String... companyIds) {
        mark(java.util.Arrays.asList(companyIds));
    }

    /** Marks these customers: one upsert per bucket they fall in. */
    public void mark(Collection<String> companyIds) {
        Map<Integer, Update> byBucket = new HashMap<>();
        for (String id : companyIds) {
            if (id != null) {
                byBucket.computeIfAbsent(bucket(id), b -> new Update()).set("c." + id, true);
            }
        }
        if (byBucket.size() == 1) {
            byBucket.forEach((b, u) -> mongo.upsert(byId(b), u, COLLECTION));
        } else if (!byBucket.isEmpty()) {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
            byBucket.forEach((b, u) -> bulk.upsert(byId(b), u));
            bulk.execute();
        }
        if (!byBucket.isEmpty() && !listeners.isEmpty()) {
            List<String> marked = companyIds.stream().filter(Objects::nonNull).distinct().toList();
            listeners.forEach(l -> l.accept(marked));
        }
    }

    /** The customers marked since their marks were last cleared: 64 documents read. */
    public Set<String> marked() {
        Set<String> ids = new HashSet<>();
        mongo.find(new Query(), Document.class, COLLECTION).forEach(d -> {
            if (d.get("c") instanceof Document c) {
                ids.addAll(c.keySet());
            }
        });
        return ids;
    }

    /** Clears these marks (those the caller read; a mark set since on another customer stays). */
    public void clear(Collection<String> companyIds) {
        Map<Integer, Update> byBucket = new HashMap<>();
        companyIds.stream().filter(Objects::nonNull)
                .forEach(id -> byBucket.computeIfAbsent(bucket(id), b -> new Update()).unset("c." + id));
        if (!byBucket.isEmpty()) {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
            byBucket.forEach((b, u) -> bulk.updateOne(byId(b), u));
            bulk.execute();
        }
    }

    private static Query byId(int bucket) {
        return Query.query(Criteria.where("_id").is(bucket));
    }

    private static int bucket(String companyId) {
        return Math.floorMod(companyId.hashCode(), BUCKETS);
    }
}
