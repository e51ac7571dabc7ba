package io.genjin.store.customer;

import io.genjin.store.KeyIndex;
import io.genjin.store.NotFound;
import io.genjin.store.RecordCache;
import io.genjin.store.access.CustomerAccess.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** Customer companies. Merged companies stay as tombstones pointing at the survivor. */
public class Companies {
    private final MongoOperations mongo;
    /** Non-null on the embedded store only: see {@link KeyIndex}. */
    private final KeyIndex byDomain;
    private final io.genjin.store.CompareAndSet cas;
    private final boolean embedded;
    private final io.genjin.store.RecordChanges changes;

    /** Companies read by id, kept while unchanged where the store tells every write: see {@link RecordCache}. */
    private final RecordCache<Company> records;
    private static final Comparator<Company> OLDEST_FIRST = Comparator.comparing(Company::createdAt,
            Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Company::id);
    /** How many companies are kept: about 6 MB at most, more customers than a team works in a season. */
    public static final int KEPT = 10_000;

    /**
     * @param changes the store's one {@link io.genjin.store.RecordChanges}, whose listeners hear of every mark
     * @param records companies kept between reads ({@link RecordCache#none()} but on the embedded store,
     *     which tells every write)
     */
    public Companies(MongoOperations mongo, boolean indexInProcess, io.genjin.store.RecordChanges changes,
            RecordCache<Company> records) {
        this.mongo = mongo;
        this.embedded = indexInProcess;
        this.cas = new io.genjin.store.CompareAndSet(mongo, indexInProcess);
        this.changes = changes;
        String collection = mongo.getCollectionName(Company.class);
        this.byDomain = indexInProcess ? new KeyIndex(mongo, collection, "domains", d -> d.toLowerCase(Locale.ROOT)) : null;
        this.records = records;
    }

    public Company insert(Company company) {
        indexed(company.id(), company.domains());
        Company saved = mongo.insert(company);
        changes.mark(saved.id());
        return saved;
    }

    /**
     * Inserts many new companies in one round trip (an import); a company a unique index refuses is
     * left out of the answer. Each is stored as {@link #insert} stores it (version 0, so a later
     * {@link #save} locks optimistically the same way).
     */
    public List<Company> insertAll(List<Company> companies) {
        List<Company> versioned = new ArrayList<>(companies.size());
        for (Company c : companies) {
            indexed(c.id(), c.domains());
            versioned.add(c.version() != null ? c : new Company(c.id(), c.name(), c.normalizedName(), c.domains(),
                    c.country(), c.industry(), c.grade(), c.stage(), c.ownerId(), c.tags(), c.dormant(), c.lastInboundAt(),
                    c.lastOutboundAt(), c.mergedInto(), c.createdAt(), 0L, c.archivedAt()));
        }
        List<Company> saved = io.genjin.store.BulkInsert.skippingDuplicates(mongo, Company.class, versioned);
        changes.mark(saved.stream().map(Company::id).toList());
        return saved;
    }

    /** Saves with optimistic locking: a concurrent change makes this throw rather than be lost. */
    public Company save(Company company) {
        indexed(company.id(), company.domains());
        Company saved = mongo.save(company);
        changes.mark(saved.id());
        return saved;
    }

    /**
     * By primary key, read without the mapping ({@link io.genjin.store.StoredRecords}), and kept between
     * reads where the store tells every write: every linked message asks it.
     */
    public Optional<Company> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(records.get(id, this::read));
    }

    private Company read(String id) {
        return io.genjin.store.StoredRecords.findById(mongo, Company.class, id);
    }

    public Company get(String id) {
        return find(id).orElseThrow(() -> new NotFound("company", id));
    }

    /** Follows merge tombstones to the company that now stands for this one. */
    public Optional<Company> findLive(String id) {
        Optional<Company> found = find(id);
        for (int hops = 0; hops < 8 && found.isPresent() && found.get().mergedInto() != null; hops++) {
            found = find(found.get().mergedInto());
        }
        return found;
    }

    public Optional<Company> byDomain(String domain) {
        if (domain == null) {
            return Optional.empty();
        }
        return withDomain(domain, 1).stream().findFirst();
    }

    public List<Company> allByDomain(String domain) {
        return withDomain(domain, 0);
    }

    /**
     * Live companies with the domain, oldest first (the id settles a tie, so that two made in the same
     * millisecond come back in one order on every store); on the embedded store only among the
     * in-process index's candidates. Where the store tells every write, each candidate is read by id,
     * kept between messages, and checked here as the query would check it: a bounce or a new lead asks
     * this of a domain.
     */
    private List<Company> withDomain(String domain, int limit) {
        String d = domain.toLowerCase(Locale.ROOT);
        Criteria criteria = Criteria.where("domains").is(d);
        if (byDomain != null) {
            Set<String> ids = byDomain.candidates(d);
            if (ids.isEmpty()) {
                return List.of();
            }
            if (records.keeps()) {
                return records.matching(ids, this::read,
                        c -> c.mergedInto() == null && c.domains() != null && c.domains().contains(d), OLDEST_FIRST, limit);
            }
            // Top-level _id $in (not inside $and): the embedded server then reads by primary key.
            return mongo.find(Query.query(Criteria.where("id").in(ids).and("domains").is(d).and("mergedInto").isNull())
                    .with(Sort.by("createdAt", "id")).limit(limit), Company.class);
        }
        return mongo.find(live(criteria).with(Sort.by("createdAt", "id")).limit(limit), Company.class);
    }

    public List<Company> byNormalizedName(String normalizedName) {
        if (normalizedName == null) {
            return List.of();
        }
        return mongo.find(live(Criteria.where("normalizedName").is(normalizedName)).with(Sort.by("createdAt")),
                Company.class);
    }

    /**
     * Companies visible in the scope whose name or domain contains the text, newest contact first.
     * A regex scan stands in for {@code $text}, which the embedded server lacks; on a real MongoDB an
     * Atlas Search or text index would serve large tenants better.
     */
    public List<Company> search(Scope scope, String text, int offset, int limit) {
        return search(scope, text, false, offset, limit);
    }

    /** @param archived list the archived customers instead of the current ones */
    public List<Company> search(Scope scope, String text, boolean archived, int offset, int limit) {
        Query query = live(matching(scope, text, archived))
                .with(Sort.by(Sort.Order.desc("lastInboundAt"), Sort.Order.asc("name"))).skip(offset).limit(limit);
        return mongo.find(query, Company.class);
    }

    /**
     * Every company {@link #search} finds with these filters, read in one pass that holds a page at a
     * time (an export), in the store's order rather than the list's. Close the stream.
     */
    public Stream<Company> streamMatching(Scope scope, String text, boolean archived) {
        return io.genjin.store.OnePass.of(mongo, live(matching(scope, text, archived)), Company.class, embedded);
    }

    /**
     * The same filter as {@link #streamMatching} for one company in hand: for what hangs off
     * customers (contacts, orders), read in their own pass and kept when their customer passes.
     */
    public static java.util.function.Predicate<Company> matcher(Scope scope, String text, boolean archived) {
        String t = text == null || text.isBlank() ? null : text.trim().toLowerCase(Locale.ROOT);
        return c -> c != null && c.mergedInto() == null && scope.includes(c.ownerId()) && c.archived() == archived
                && (t == null || contains(c.name(), t) || contains(c.normalizedName(), t)
                        || c.domains().stream().anyMatch(d -> contains(d, t)));
    }

    private static boolean contains(String value, String lowerCaseText) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(lowerCaseText);
    }

    /** The companies with these ids, merged or not, in no order; read by primary key on either server. */
    public List<Company> byIds(java.util.Collection<String> ids) {
        return ids.isEmpty() ? List.of() : mongo.find(Query.query(Criteria.where("id").in(ids)), Company.class);
    }

    private static Criteria matching(Scope scope, String text, boolean archived) {
        Criteria criteria = new Criteria().andOperator(scope.criteria("ownerId"),
                archived ? Criteria.where("archivedAt").ne(null) : Criteria.where("archivedAt").is(null));
        if (text != null && !text.isBlank()) {
            String quoted = Pattern.quote(text.trim());
            criteria = new Criteria().andOperator(criteria, new Criteria().orOperator(
                    Criteria.where("name").regex(quoted, "i"),
                    Criteria.where("normalizedName").regex(Pattern.quote(text.trim().toLowerCase(Locale.ROOT))),
                    Criteria.where("domains").regex(quoted, "i")));
        }
        return criteria;
    }

    public long count(Scope scope) {
        return mongo.count(live(scope.criteria("ownerId")), Company.class);
    }

    /**
     * Records a contact time, never moving it back: one update that matches only while the stored time
     * is older (or absent), so concurrent messages cannot move it back either. When it changes the
     * time it moves the version on, as the mapping's updates do, so a {@link #save} of a company read
     * before fails rather than put the time back; mail that changes nothing (older mail, as a first sync
     * reads newest first) writes nothing and leaves a person's edit of the customer alone. Written as a
     * document, the time as the mapping stores it (a BSON date): every linked message makes it. Where
     * the company is kept ({@link RecordCache}) and its time is already as late, the update would match
     * nothing, and it is not sent: a kept record is the stored one as of the last write.
     */
    public void touchContact(String companyId, boolean inbound, Instant at) {
        Company kept = records.kept(companyId);
        Instant already = kept == null ? null : inbound ? kept.lastInboundAt() : kept.lastOutboundAt();
        if (already != null && !already.isBefore(at)) {
            return;
        }
        String field = inbound ? "lastInboundAt" : "lastOutboundAt";
        java.util.Date time = java.util.Date.from(at);
        org.bson.Document older = new org.bson.Document("_id", io.genjin.store.Ids.stored(companyId)).append("$or", List.of(
                new org.bson.Document(field, new org.bson.Document("$lt", time)), new org.bson.Document(field, null)));
        org.bson.Document update = new org.bson.Document("$set", new org.bson.Document(field, time))
                .append("$inc", new org.bson.Document("version", 1));
        mongo.execute(mongo.getCollectionName(Company.class), c -> c.updateOne(older, update));
    }

    public void addDomain(String companyId, String domain) {
        indexed(companyId, List.of(domain));
        mongo.updateFirst(Query.query(Criteria.where("id").is(companyId)),
                new Update().addToSet("domains", domain.toLowerCase(Locale.ROOT)), Company.class);
    }

    public void markMerged(String companyId, String survivorId) {
        mongo.updateFirst(Query.query(Criteria.where("id").is(companyId)),
                new Update().set("mergedInto", survivorId).set("domains", List.of()), Company.class);
        changes.mark(companyId, survivorId);
    }

    /**
     * A merge: the survivor takes the merged view's country, industry and tags, and the later contact
     * times ({@code $max}, so mail arriving meanwhile is not moved back). Re-runnable.
     */
    public void absorb(Company merged) {
        Update update = new Update().set("country", merged.country()).set("industry", merged.industry())
                .set("tags", merged.tags()).inc("version", 1);
        if (merged.lastInboundAt() != null) {
            update.max("lastInboundAt", merged.lastInboundAt());
        }
        if (merged.lastOutboundAt() != null) {
            update.max("lastOutboundAt", merged.lastOutboundAt());
        }
        mongo.updateFirst(Query.query(Criteria.where("id").is(merged.id())), update, Company.class);
    }

    /** Live companies in id order after {@code afterId} (null: from the start); for full scans in batches. */
    public List<Company> liveAfter(String afterId, int limit) {
        Criteria criteria = afterId == null ? new Criteria() : Criteria.where("id").gt(afterId);
        return mongo.find(live(criteria).with(Sort.by("id")).limit(limit), Company.class);
    }

    /**
     * Every live company, read once in one pass (a scheduled scan): no per-customer round trips.
     * With {@code fields}, only those are read (the others come back empty); merge tombstones are
     * dropped here rather than by the server, which reads every document either way.
     */
    public Stream<Company> streamLive(String... fields) {
        Query query = new Query();
        if (fields.length > 0) {
            query.fields().include(fields).include("mergedInto");
        }
        return mongo.stream(query, Company.class).filter(c -> c.mergedInto() == null);
    }

    /**
     * Takes an unowned customer out of the public pool for {@code userId}; false when it has an owner
     * (someone claimed it first: the update only matches while the owner is still empty).
     */
    public boolean claim(String companyId, String userId) {
        boolean claimed = cas.apply(Company.class, companyId, Criteria.where("ownerId").is(null), c -> c.ownerId() == null,
                new Update().set("ownerId", userId).inc("version", 1)).isPresent();
        if (claimed) {
            changes.mark(companyId);
        }
        return claimed;
    }

    /** Moves a customer into or out of the dormant pool; false when it already was where asked. */
    public boolean setDormant(String companyId, boolean dormant) {
        return cas.apply(Company.class, companyId, Criteria.where("dormant").is(!dormant), c -> c.dormant() != dormant,
                new Update().set("dormant", dormant).inc("version", 1)).isPresent();
    }

    /** Moves many customers into the dormant pool in one round trip (a scan that saw them outside it). */
    public void markDormant(java.util.Collection<String> companyIds) {
        if (companyIds.isEmpty()) {
            return;
        }
        var bulk = mongo.bulkOps(org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED, Company.class);
        companyIds.forEach(id -> bulk.updateOne(Query.query(Criteria.where("id").is(id)),
                new Update().set("dormant", true).inc("version", 1)));
        bulk.execute();
    }

    private void indexed(String id, List<String> domains) {
        if (byDomain != null && id != null) {
            byDomain.add(id, domains);
        }
    }

    private static Query live(Criteria criteria) {
        return Query.query(new Criteria().andOperator(criteria, Criteria.where("mergedInto").isNull()));
    }
}
