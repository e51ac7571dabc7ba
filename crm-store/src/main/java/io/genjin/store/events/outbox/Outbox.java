package io.genjin.store.events.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The domain events, kept in the store ({@value #EVENTS}) so consumers in any process read them, each
 * at its own saved position ({@value #CURSORS}).
 *
 * <p>Positions are contiguous numbers handed out by one counter ({@code $inc} on one document, one
 * round trip per batch), and an event's {@code _id} is its position. Readers therefore look events up
 * by {@code _id $in [from..to]}: point reads the embedded store answers from its {@code _id} index
 * (it scans for a range), and a missing number below the counter is a batch being written (or whose
 * writer died after reserving it), which readers wait out for a while and then pass.
 */
public final class Outbox {
    public static final String EVENTS = "domain_events";
    public static final String CURSORS = "domain_event_cursors";
    /** The counter (position of the last event handed out) and the floor (all below it are pruned). */
    static final String SEQUENCE = "~sequence";
    private final MongoOperations mongo;
    private final Clock clock;

    public Outbox(MongoOperations mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** One stored event: its position, type, customer (when it has one), order key, when written, and the event. */
    public record Stored(long position, String type, String customer, String key, Instant at, Object event) {
    }

    /** Writes the events in one insert, after reserving their positions; returns the last position. */
    public long append(List<?> events) {
        if (events.isEmpty()) {
            return head();
        }
        Document counter = mongo.findAndModify(Query.query(Criteria.where("_id").is(SEQUENCE)),
                new Update().inc("value", (long) events.size()), FindAndModifyOptions.options().upsert(true).returnNew(true),
                Document.class, CURSORS);
        long last = ((Number) counter.get("value")).longValue();
        long position = last - events.size();
        Date now = Date.from(clock.instant());
        List<Document> documents = new ArrayList<>(events.size());
        for (Object event : events) {
            documents.add(new Document("_id", ++position).append("type", EventCodec.type(event))
                    .append("customer", EventCodec.customer(event)).append("key", EventCodec.orderKey(event))
                    .append("at", now).append("payload", EventCodec.encode(event)));
        }
        mongo.getCollection(EVENTS).insertMany(documents);
        return last;
    }

    /** The last position handed out ({@code head}, 0 when none) and the last pruned ({@code floor}), in one read. */
    public record Counter(long head, long floor) {
    }

    public Counter counter() {
        Document counter = mongo.findById(SEQUENCE, Document.class, CURSORS);
        if (counter == null) {
            return new Counter(0, 0);
        }
        return new Counter(((Number) counter.get("value")).longValue(),
                counter.get("floor") == null ? 0 : ((Number) counter.get("floor")).longValue());
    }

    /** The last position handed out (0 when none). */
    public long head() {
        return counter().head();
    }

    /** Positions at or below this were pruned. */
    public long floor() {
        return counter().floor();
    }

    /** The events at positions {@code from..to} (inclusive) that exist, in position order. */
    public List<Stored> read(long from, long to) {
        if (to < from) {
            return List.of();
        }
        List<Long> ids = LongStream.rangeClosed(from, to).boxed().toList();
        List<Stored> out = new ArrayList<>();
        for (Document d : mongo.getCollection(EVENTS).find(new Document("_id", new Document("$in", ids)))) {
            String type = d.getString("type");
            out.add(new Stored(((Number) d.get("_id")).longValue(), type, d.getString("customer"), d.getString("key"),
                    d.getDate("at").toInstant(), EventCodec.decode(type, d.get("payload", Document.class))));
        }
        out.sort(Comparator.comparingLong(Stored::position));
        return out;
    }

    /** A consumer's saved position, 0 when it has none. */
    public long cursor(String name) {
        Document saved = mongo.findById(name, Document.class, CURSORS);
        return saved == null ? 0 : ((Number) saved.get("position")).longValue();
    }

    /** Saves positions; a position never moves back (a consumer that lost its lease late cannot undo a newer one). */
    public void saveCursors(Map<String, Long> positions) {
        if (positions.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CURSORS);
        Date now = Date.from(clock.instant());
        positions.forEach((name, position) -> bulk.upsert(Query.query(Criteria.where("_id").is(name)),
                new Update().max("position", position).set("savedAt", now)));
        bulk.execute();
    }

    /**
     * {@link #prune} of the events written longer than {@code retention} ago, by the clock that stamps
     * them when they are written.
     */
    public long pruneOlderThan(java.time.Duration retention) {
        return prune(clock.instant().minus(retention));
    }

    /**
     * Deletes events written before {@code before} that every saved cursor has passed, oldest first,
     * by {@code _id} in chunks; returns how many. Consumers that never saved a cursor do not hold events
     * back (a group that starts later begins at the floor).
     */
    public long prune(Instant before) {
        long passed = Long.MAX_VALUE;
        for (Document c : mongo.find(Query.query(Criteria.where("position").exists(true)), Document.class, CURSORS)) {
            passed = Math.min(passed, ((Number) c.get("position")).longValue());
        }
        long head = head();
        long limit = Math.min(passed, head);
        long floor = floor();
        long deleted = 0;
        while (floor < limit) {
            long to = Math.min(limit, floor + 1000);
            List<Stored> chunk = read(floor + 1, to);
            long upTo = floor;
            for (Stored s : chunk) {
                if (!s.at().isBefore(before)) {
                    break;
                }
                upTo = s.position();
            }
            if (upTo == floor) {
                break;
            }
            List<Long> ids = LongStream.rangeClosed(floor + 1, upTo).boxed().toList();
            deleted += mongo.getCollection(EVENTS).deleteMany(new Document("_id", new Document("$in", ids))).getDeletedCount();
            floor = upTo;
            mongo.updateFirst(Query.query(Criteria.where("_id").is(SEQUENCE)), new Update().max("floor", floor), CURSORS);
            if (upTo < to) {
                break;
            }
        }
        return deleted;
    }
}
