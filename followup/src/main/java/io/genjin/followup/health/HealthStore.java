package io.genjin.followup.health;

import io.genjin.store.StoredRecords;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The health collections: {@code health_signals} and {@code customer_health} (one document per
 * customer), {@code health_policies} (per team), {@code health_days} (the daily scores for the trend,
 * one document per day and bucket of customers so that a day's write and a customer's 90-day read
 * each touch few, small documents by id — the embedded store builds no secondary index), and
 * {@code health_meta} (the last nightly run). Every write is by id.
 *
 * <p>Signals change by read-modify-write: under a lock per customer within the process, and across
 * processes by their version (a save is an update filtered on the id and the version read, which the
 * store answers from its id index): when another replica wrote the customer's signals in between, the
 * change is applied again to what that replica wrote, so neither entry is lost. The signals are read
 * and saved without the mapping ({@link StoredRecords}, which saves a version as the mapping does):
 * every linked message changes them.
 */
public class HealthStore {
    static final int BUCKETS = 64;
    private final MongoOperations mongo;
    private final ReentrantLock[] locks = new ReentrantLock[256];

    public HealthStore(MongoOperations mongo) {
        this.mongo = mongo;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    Signals signals(String companyId) {
        Signals s = mongo.findById(companyId, Signals.class);
        return s == null ? Signals.none(companyId) : s;
    }

    /** Tries of one change when other processes keep writing the same customer's signals in between. */
    static final int TRIES = 8;

    /**
     * Applies the change to the customer's signals; returns the signals after it. When anyone wrote
     * them between the read and the save, the versioned save fails and the change is applied again to
     * what is stored, as for any other writer in between.
     */
    Signals change(String companyId, UnaryOperator<Signals> change) {
        ReentrantLock lock = locks[Math.floorMod(companyId.hashCode(), locks.length)];
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                Signals stored = StoredRecords.findById(mongo, Signals.class, companyId);
                Signals before = stored == null ? Signals.none(companyId) : stored;
                Signals after = change.apply(before);
                if (after.equals(before)) {
                    return after;
                }
                try {
                    Signals saved = stored != null && stored.version() == null ? firstVersion(after)
                            : StoredRecords.save(mongo, after);
                    touch(companyId);
                    return saved;
                } catch (OptimisticLockingFailureException | DuplicateKeyException e) {
                    // Another process wrote (or first created) these signals since they were read: again, on its version.
                    if (attempt == TRIES) {
                        throw e;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /*
     * Signals written before they carried a version: a save would insert them again (a null version means new),
     * so the first versioned write replaces the unversioned document, if it is still that one.
     */
    private Signals firstVersion(Signals after) {
        Signals versioned = new Signals(after.id(), after.mail(), after.bounces(), after.quotes(), after.quoteReads(), 0L);
        Query unversioned = new Query(Criteria.where("_id").is(after.id()).and("version").is(null));
        if (mongo.findAndReplace(unversioned, versioned) == null) {
            throw new OptimisticLockingFailureException("signals of " + after.id() + " changed since they were read");
        }
        return versioned;
    }

    Stream<Signals> allSignals() {
        return mongo.stream(new Query(), Signals.class);
    }

    public Optional<CustomerHealth> health(String companyId) {
        return Optional.ofNullable(mongo.findById(companyId, CustomerHealth.class));
    }

    /** The health of these customers (a page of the customer list), by id. */
    public Map<String, CustomerHealth> healthOf(Collection<String> companyIds) {
        Map<String, CustomerHealth> found = new HashMap<>();
        if (!companyIds.isEmpty()) {
            mongo.find(Query.query(Criteria.where("id").in(companyIds)), CustomerHealth.class)
                    .forEach(h -> found.put(h.id(), h));
        }
        return found;
    }

    /** Every customer's health without its components (the nightly run needs the tags and alert state). */
    Stream<CustomerHealth> allHealth() {
        Query query = new Query();
        query.fields().exclude("parts");
        return mongo.stream(query, CustomerHealth.class);
    }

    void save(CustomerHealth health) {
        mongo.save(health);
    }

    /** Writes these healths by id, upserting: one unordered bulk write (the caller passes a batch). */
    void saveAll(List<CustomerHealth> all) {
        if (all.isEmpty()) {
            return;
        }
        BulkOperations writes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, HEALTH);
        for (CustomerHealth h : all) {
            Document doc = new Document();
            mongo.getConverter().write(h, doc);
            writes.replaceOne(new BasicQuery(new Document("_id", doc.get("_id"))), doc,
                    org.springframework.data.mongodb.core.FindAndReplaceOptions.options().upsert());
        }
        writes.execute();
    }

    private static final String HEALTH = "customer_health";

    /** These customers' signals and health as last computed, by id: two point reads of the batch. */
    Batch batch(List<String> companyIds) {
        // Stored as the mapping stores ids: an ObjectId where the text is one.
        List<Object> keys = new ArrayList<>(companyIds.size());
        companyIds.forEach(id -> keys.add(io.genjin.store.Ids.stored(id)));
        Map<String, Signals> signals = new HashMap<>();
        Map<String, CustomerHealth> before = new HashMap<>();
        // In slices: the stock matcher compares each document it finds with the whole $in list (the embedded store
        // answers a list of one type from a set, InList; the slices keep any other list cheap).
        for (int from = 0; from < keys.size(); from += HealthScan.IN_SLICE) {
            Document byId = new Document("_id", new Document("$in", keys.subList(from, Math.min(keys.size(), from + HealthScan.IN_SLICE))));
            mongo.find(new BasicQuery(byId), Document.class, "health_signals")
                    .forEach(d -> { Signals s = RawReads.signals(d); signals.put(s.id(), s); });
            mongo.find(new BasicQuery(byId), Document.class, HEALTH)
                    .forEach(d -> { CustomerHealth h = RawReads.health(d); before.put(h.id(), h); });
        }
        return new Batch(signals, before);
    }

    record Batch(Map<String, Signals> signals, Map<String, CustomerHealth> before) {
    }

    /** Every document of a collection matching {@code filter}, with only {@code fields} (and the id), in one pass. */
    void each(String collection, Document filter, String[] fields, java.util.function.Consumer<Document> each) {
        Document include = new Document();
        for (String field : fields) {
            include.append(field, 1);
        }
        try (Stream<Document> all = mongo.stream(new BasicQuery(filter, include).cursorBatchSize(10_000), Document.class, collection)) {
            all.forEach(each);
        }
    }

    /** Customers carrying the tag, of those in {@code among} when given. */
    public Set<String> withTag(String tag) {
        return ids(Query.query(Criteria.where("tags.key").is(tag)));
    }

    /** Customers whose score is below {@code score}. */
    public Set<String> below(int score) {
        return ids(Query.query(Criteria.where("score").lt(score)));
    }

    private Set<String> ids(Query query) {
        query.fields().include("_id");
        Set<String> ids = new java.util.HashSet<>();
        mongo.find(query, Document.class, "customer_health").forEach(d -> ids.add(d.get("_id").toString()));
        return ids;
    }

    /** Marks a tag as removed by a person now; returns false when the customer does not carry it. */
    boolean removeTag(String companyId, String tag, java.time.Instant at) {
        CustomerHealth h = mongo.findById(companyId, CustomerHealth.class);
        if (h == null || !h.tagKeys().contains(tag)) {
            return false;
        }
        Map<String, java.time.Instant> removed = new HashMap<>(h.removed());
        removed.put(tag, at);
        mongo.save(new CustomerHealth(h.id(), h.ownerId(), h.score(), h.parts(),
                h.tags().stream().filter(t -> !t.key().equals(tag)).toList(), removed, h.belowSince(), h.warningSince(),
                h.computedAt(), h.nextChangeAt()));
        touch(companyId);
        return true;
    }

    public HealthPolicy policy(String teamId) {
        HealthPolicy own = teamId == null ? null : mongo.findById(teamId, HealthPolicy.class);
        if (own != null) {
            return own;
        }
        HealthPolicy fallback = mongo.findById(HealthPolicy.DEFAULT_ID, HealthPolicy.class);
        return fallback != null ? fallback : HealthPolicy.defaults(HealthPolicy.DEFAULT_ID);
    }

    public HealthPolicy savePolicy(HealthPolicy policy) {
        return mongo.save(policy);
    }

    Map<String, HealthPolicy> policies() {
        Map<String, HealthPolicy> all = new HashMap<>();
        mongo.findAll(HealthPolicy.class).forEach(p -> all.put(p.id(), p));
        return all;
    }

    /** One customer's score on its day. */
    void day(String companyId, LocalDate day, int score) {
        mongo.upsert(Query.query(Criteria.where("_id").is(dayId(day, bucket(companyId)))),
                new Update().set("s." + companyId, score), "health_days");
    }

    /** Many customers' scores on one day: one write per bucket. */
    void days(Map<String, Integer> scores, LocalDate day) {
        Map<Integer, Document> byBucket = new HashMap<>();
        scores.forEach((id, score) -> byBucket.computeIfAbsent(bucket(id), b -> new Document()).put(id, score));
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "health_days");
        byBucket.forEach((b, s) -> {
            Update update = new Update();
            s.forEach((id, score) -> update.set("s." + id, score));
            bulk.upsert(Query.query(Criteria.where("_id").is(dayId(day, b))), update);
        });
        if (!byBucket.isEmpty()) {
            bulk.execute();
        }
    }

    /** Every customer's score on a day, as the trend stores it. */
    Map<String, Integer> day(LocalDate day) {
        List<String> ids = new ArrayList<>();
        for (int b = 0; b < BUCKETS; b++) {
            ids.add(dayId(day, b));
        }
        Map<String, Integer> all = new HashMap<>();
        mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, "health_days").forEach(d -> {
            if (d.get("s") instanceof Document s) {
                s.forEach((id, v) -> all.put(id, ((Number) v).intValue()));
            }
        });
        return all;
    }

    /** The customer's daily scores from {@code from} to {@code to}, oldest first; days without one are left out. */
    public List<CustomerHealth.Day> trend(String companyId, LocalDate from, LocalDate to) {
        int bucket = bucket(companyId);
        List<String> ids = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            ids.add(dayId(d, bucket));
        }
        Map<String, Integer> byDay = new HashMap<>();
        Query query = Query.query(Criteria.where("_id").in(ids));
        query.fields().include("s." + companyId);
        mongo.find(query, Document.class, "health_days").forEach(d -> {
                    Object s = d.get("s");
                    if (s instanceof Document scores && scores.get(companyId) instanceof Number n) {
                        byDay.put(d.getString("_id").substring(0, 10), n.intValue());
                    }
                });
        List<CustomerHealth.Day> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Integer s = byDay.get(d.toString());
            if (s != null) {
                days.add(new CustomerHealth.Day(d.toString(), s));
            }
        }
        return days;
    }

    /** Drops the day documents older than {@code keepFrom} (the trend keeps 90 days). */
    void forgetDaysBefore(LocalDate keepFrom) {
        for (int b = 0; b < BUCKETS; b++) {
            for (LocalDate d = keepFrom.minusDays(7); d.isBefore(keepFrom); d = d.plusDays(1)) {
                mongo.remove(Query.query(Criteria.where("_id").is(dayId(d, b))), "health_days");
            }
        }
    }

    /**
     * Marks the customer as changed since the last nightly run (its signals, a tag removed by a person, a
     * task of its): one upsert by id into its bucket of {@code health_touched}.
     */
    void touch(String companyId) {
        mongo.upsert(Query.query(Criteria.where("_id").is(bucket(companyId))), new Update().set("c." + companyId, true),
                TOUCHED);
    }

    /** The customers touched since the marks were last cleared: 64 reads by id. */
    Set<String> touched() {
        Set<String> ids = new java.util.HashSet<>();
        mongo.find(new Query(), Document.class, TOUCHED).forEach(d -> {
            if (d.get("c") instanceof Document c) {
                ids.addAll(c.keySet());
            }
        });
        return ids;
    }

    /** Clears these marks (those a run has read; a mark set since stays). */
    void untouch(Collection<String> companyIds) {
        Map<Integer, Update> byBucket = new HashMap<>();
        companyIds.forEach(id -> byBucket.computeIfAbsent(bucket(id), b -> new Update()).unset("c." + id));
        if (!byBucket.isEmpty()) {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, TOUCHED);
            byBucket.forEach((b, u) -> bulk.updateOne(Query.query(Criteria.where("_id").is(b)), u));
            bulk.execute();
        }
    }

    private static final String TOUCHED = "health_touched";
    private static final String STATE = "health_state";

    /**
     * What the last nightly run knew of every customer, in 64 bucket documents: its score (the trend of a
     * customer not recomputed carries it forward), when its health next changes (epoch ms, {@link Long#MAX_VALUE}
     * for never) and a fingerprint of its record inputs (orders, payments, overdue tasks, owner, policy).
     */
    Map<String, State> state() {
        Map<String, State> all = new HashMap<>();
        mongo.find(new Query(), Document.class, STATE).forEach(d -> {
            if (d.get("c") instanceof Document c) {
                c.forEach((id, v) -> {
                    List<?> l = (List<?>) v;
                    all.put(id, new State(((Number) l.get(0)).intValue(), ((Number) l.get(1)).longValue(),
                            ((Number) l.get(2)).longValue()));
                });
            }
        });
        return all;
    }

    /** Replaces the state: one write per bucket. */
    void saveState(Map<String, State> all) {
        Map<Integer, Document> byBucket = new HashMap<>();
        for (int b = 0; b < BUCKETS; b++) {
            byBucket.put(b, new Document());
        }
        all.forEach((id, st) -> byBucket.get(bucket(id)).put(id, List.of(st.score(), st.next(), st.inputs())));
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, STATE);
        byBucket.forEach((b, c) -> bulk.replaceOne(new BasicQuery(new Document("_id", b)), new Document("_id", b).append("c", c),
                org.springframework.data.mongodb.core.FindAndReplaceOptions.options().upsert()));
        bulk.execute();
    }

    record State(int score, long next, long inputs) {
    }

    Optional<LocalDate> lastRun() {
        Document meta = mongo.findById("nightly", Document.class, "health_meta");
        return meta == null ? Optional.empty() : Optional.of(LocalDate.parse(meta.getString("day")));
    }

    void ran(LocalDate day) {
        mongo.upsert(Query.query(Criteria.where("_id").is("nightly")), new Update().set("day", day.toString()), "health_meta");
    }

    /**
     * The last run that compared every customer's records with its fingerprint: its day and the key of
     * the policies and teams it ran under ({@link HealthScan}); empty before the first.
     */
    Optional<Checked> checked() {
        Document meta = mongo.findById("checked", Document.class, "health_meta");
        return meta == null || meta.getString("day") == null || !(meta.get("key") instanceof Number key) ? Optional.empty()
                : Optional.of(new Checked(LocalDate.parse(meta.getString("day")), key.longValue()));
    }

    void checked(Checked checked) {
        mongo.upsert(Query.query(Criteria.where("_id").is("checked")),
                new Update().set("day", checked.day().toString()).set("key", checked.key()), "health_meta");
    }

    record Checked(LocalDate day, long key) {
    }

    private static int bucket(String companyId) {
        return Math.floorMod(companyId.hashCode(), BUCKETS);
    }

    private static String dayId(LocalDate day, int bucket) {
        return day + ":" + bucket;
    }
}
