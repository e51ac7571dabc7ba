package io.genjin.store.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;

/**
 * An in-process index of every timeline, newest first, for the embedded store.
 *
 * <p>Why: the embedded server builds no non-unique secondary index and uses unique ones only for
 * exact-key lookups, so "this company's activities, newest first" scans and sorts the whole
 * collection (about 50 ms at 10,000 activities). Here pages are cut from a sorted set in memory and
 * the activities fetched by {@code _id $in}, which the server answers from its primary key. The
 * embedded data file is locked by one process, so every write passes through this process and the
 * index stays exact. A real MongoDB needs none of this: its compound index does the same job, and
 * {@link Timeline} then queries it directly.
 */
final class TimelineIndex {
    private static final Comparator<Entry> NEWEST_FIRST = Comparator.comparingLong(Entry::at).reversed()
            .thenComparing(Entry::id, Comparator.reverseOrder());
    private final MongoOperations mongo;
    private final Map<String, NavigableSet<Entry>> byCompany = new ConcurrentHashMap<>();
    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    TimelineIndex(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** Ids of the page after the cursor position (exclusive), at most {@code limit}, newest first. */
    List<String> page(String companyId, Set<ActivityType> types, Instant afterAt, String afterId, int limit) {
        ensureLoaded();
        NavigableSet<Entry> all = byCompany.getOrDefault(companyId, new ConcurrentSkipListSet<>(NEWEST_FIRST));
        NavigableSet<Entry> rest = afterAt == null ? all
                : all.tailSet(new Entry(companyId, afterAt.toEpochMilli(), afterId, null), false);
        List<String> ids = new ArrayList<>(limit);
        for (Entry entry : rest) {
            if (types.isEmpty() || types.contains(entry.type())) {
                ids.add(entry.id());
                if (ids.size() == limit) {
                    break;
                }
            }
        }
        return ids;
    }

    void added(Activity activity) {
        ensureLoaded();
        put(new Entry(activity.companyId(), activity.occurredAt().toEpochMilli(), activity.id(), activity.type()));
    }

    void moved(String activityId, String toCompanyId) {
        Entry old = remove(activityId);
        if (old != null) {
            put(new Entry(toCompanyId, old.at(), old.id(), old.type()));
        }
    }

    void movedAll(String fromCompanyId, String toCompanyId) {
        ensureLoaded();
        NavigableSet<Entry> from = byCompany.remove(fromCompanyId);
        if (from != null) {
            from.forEach(e -> put(new Entry(toCompanyId, e.at(), e.id(), e.type())));
        }
    }

    Entry remove(String activityId) {
        ensureLoaded();
        Entry old = byId.remove(activityId);
        if (old != null) {
            NavigableSet<Entry> set = byCompany.get(old.companyId());
            if (set != null) {
                set.remove(old);
            }
        }
        return old;
    }

    private void put(Entry entry) {
        byId.put(entry.id(), entry);
        byCompany.computeIfAbsent(entry.companyId(), c -> new ConcurrentSkipListSet<>(NEWEST_FIRST)).add(entry);
    }

    /** One pass over the collection, reading only the four fields the index needs. */
    private void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            Query query = new Query();
            query.fields().include("companyId", "occurredAt", "type");
            for (Document d : mongo.find(query, Document.class, mongo.getCollectionName(Activity.class))) {
                Object id = d.get("_id");
                put(new Entry(d.getString("companyId"), d.getDate("occurredAt").getTime(),
                        id instanceof ObjectId oid ? oid.toHexString() : String.valueOf(id),
                        ActivityType.valueOf(d.getString("type"))));
            }
            loaded = true;
        }
    }

    /** What the index keeps of an activity. */
    record Entry(String companyId, long at, String id, ActivityType type) {
    }
}
