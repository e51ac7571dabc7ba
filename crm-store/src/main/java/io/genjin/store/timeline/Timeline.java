package io.genjin.store.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * All customers' timelines in one collection, read per company newest first with keyset paging
 * ({@code occurredAt}, {@code id}), so page 100 costs what page 1 costs. On a real MongoDB the
 * compound index serves the page query; on the embedded store a {@link TimelineIndex} does.
 */
public class Timeline {
    private final MongoOperations mongo;
    private final TimelineIndex index;

    /** @param indexInProcess keep an in-process index (embedded store) instead of querying by range */
    public Timeline(MongoOperations mongo, boolean indexInProcess) {
        this.mongo = mongo;
        this.index = indexInProcess ? new TimelineIndex(mongo) : null;
    }

    /**
     * Appends the activity; if one with the same company and source key exists, returns that one.
     * Written without the mapping ({@link io.genjin.store.StoredRecords}): every linked message appends.
     */
    public Activity append(Activity activity) {
        try {
            Activity inserted = io.genjin.store.StoredRecords.insert(mongo, activity);
            if (index != null) {
                index.added(inserted);
            }
            return inserted;
        } catch (DuplicateKeyException duplicate) {
            return mongo.findOne(Query.query(Criteria.where("companyId").is(activity.companyId())
                    .and("sourceKey").is(activity.sourceKey())), Activity.class);
        }
    }

    /** Appends many activities in one round trip; those whose source is on the timeline already are skipped. */
    public List<Activity> appendAll(List<Activity> activities) {
        List<Activity> inserted = io.genjin.store.BulkInsert.skippingDuplicates(mongo, Activity.class, activities);
        if (index != null) {
            inserted.forEach(index::added);
        }
        return inserted;
    }

    /** The activity a source (such as {@code email:<Message-ID>}) put on one company's timeline. */
    public Optional<Activity> bySource(String companyId, String sourceKey) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("companyId").is(companyId)
                .and("sourceKey").is(sourceKey)), Activity.class));
    }

    public Optional<Activity> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Activity.class));
    }

    public TimelinePage page(String companyId, Collection<ActivityType> types, String cursor, int size) {
        if (index != null) {
            return indexedPage(companyId, types, cursor, size);
        }
        Criteria criteria = Criteria.where("companyId").is(companyId);
        if (types != null && !types.isEmpty()) {
            criteria = criteria.and("type").in(types);
        }
        Cursor after = Cursor.decode(cursor);
        if (after != null) {
            criteria = new Criteria().andOperator(criteria, new Criteria().orOperator(
                    Criteria.where("occurredAt").lt(after.occurredAt()),
                    Criteria.where("occurredAt").is(after.occurredAt()).and("id").lt(after.id())));
        }
        Query query = Query.query(criteria)
                .with(Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("id"))).limit(size + 1);
        List<Activity> found = new ArrayList<>(mongo.find(query, Activity.class));
        String next = null;
        if (found.size() > size) {
            found = found.subList(0, size);
            Activity last = found.get(size - 1);
            next = new Cursor(last.occurredAt(), last.id()).encode();
        }
        return new TimelinePage(List.copyOf(found), next);
    }

    private TimelinePage indexedPage(String companyId, Collection<ActivityType> types, String cursor, int size) {
        Cursor after = Cursor.decode(cursor);
        List<String> ids = index.page(companyId, types == null ? Set.of() : Set.copyOf(types),
                after == null ? null : after.occurredAt(), after == null ? null : after.id(), size + 1);
        Map<String, Activity> found = new HashMap<>();
        mongo.find(Query.query(Criteria.where("id").in(ids)), Activity.class).forEach(a -> found.put(a.id(), a));
        List<Activity> items = ids.stream().map(found::get).filter(Objects::nonNull).limit(size).toList();
        String next = null;
        if (ids.size() > size && !items.isEmpty()) {
            Activity last = items.get(items.size() - 1);
            next = new Cursor(last.occurredAt(), last.id()).encode();
        }
        return new TimelinePage(items, next);
    }

    public long moveAll(String fromCompanyId, String toCompanyId) {
        long moved = mongo.updateMulti(Query.query(Criteria.where("companyId").is(fromCompanyId)),
                Update.update("companyId", toCompanyId), Activity.class).getModifiedCount();
        if (index != null) {
            index.movedAll(fromCompanyId, toCompanyId);
        }
        return moved;
    }

    public long count(String companyId) {
        return mongo.count(Query.query(Criteria.where("companyId").is(companyId)), Activity.class);
    }

    /** Up to {@code limit} activities of a company in id order; a merge walks a timeline in such batches. */
    public List<Activity> batchOf(String companyId, int limit) {
        return mongo.find(Query.query(Criteria.where("companyId").is(companyId)).with(Sort.by("id")).limit(limit),
                Activity.class);
    }

    /**
     * Moves one activity to another company. Returns false, moving nothing, when that company already
     * has an activity from the same source (the same email on both timelines): the unique
     * (companyId, sourceKey) index refuses it, and the caller decides what to do with the leftover.
     */
    public boolean moveOne(String activityId, String toCompanyId) {
        try {
            mongo.updateFirst(Query.query(Criteria.where("id").is(activityId)), Update.update("companyId", toCompanyId),
                    Activity.class);
            if (index != null) {
                index.moved(activityId, toCompanyId);
            }
            return true;
        } catch (DuplicateKeyException duplicate) {
            return false;
        }
    }

    public void delete(String activityId) {
        mongo.remove(Query.query(Criteria.where("id").is(activityId)), Activity.class);
        if (index != null) {
            index.remove(activityId);
        }
    }

    /** Points every activity that names one contact at another (a contact merge); re-runnable. */
    public long replaceContact(String fromContactId, String toContactId) {
        Query naming = Query.query(Criteria.where("contactIds").is(fromContactId));
        mongo.updateMulti(naming, new Update().addToSet("contactIds", toContactId), Activity.class);
        return mongo.updateMulti(naming, new Update().pull("contactIds", fromContactId), Activity.class).getModifiedCount();
    }

    /** An opaque position in a timeline. */
    record Cursor(Instant occurredAt, String id) {
        String encode() {
            String raw = occurredAt.toEpochMilli() + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            if (cursor == null || cursor.isBlank()) {
                return null;
            }
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int colon = raw.indexOf(':');
                return new Cursor(Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))), raw.substring(colon + 1));
            } catch (RuntimeException e) {
                throw new io.genjin.store.Invalid("malformed timeline cursor");
            }
        }
    }
}
