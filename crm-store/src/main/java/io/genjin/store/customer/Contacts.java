package io.genjin.store.customer;

import io.genjin.store.KeyIndex;
import io.genjin.store.NotFound;
import io.genjin.store.RecordCache;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** Contacts, found by any of their addresses. */
public class Contacts {
    private final io.genjin.store.CompareAndSet cas;
    private final MongoOperations mongo;
    /** Non-null on the embedded store only: see {@link KeyIndex}. */
    private final KeyIndex byAddress;
    private final boolean embedded;
    /** Contacts read by id, kept while unchanged where the store tells every write: see {@link RecordCache}. */
    private final RecordCache<Contact> records;
    /** How many contacts are kept: about 10 MB at most, more than the people a team writes to in a season. */
    public static final int KEPT = 20_000;
    /** Mongo's order for a sort on {@code createdAt}: a missing time first; the id settles a tie. */
    private static final Comparator<Contact> OLDEST_FIRST = Comparator.comparing(Contact::createdAt,
            Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Contact::id);

    /**
     * @param records contacts kept between reads ({@link RecordCache#none()} but on the embedded store,
     *     which has the in-process index and tells every write)
     */
    public Contacts(MongoOperations mongo, boolean indexInProcess, RecordCache<Contact> records) {
        this.cas = new io.genjin.store.CompareAndSet(mongo, indexInProcess);
        this.mongo = mongo;
        this.embedded = indexInProcess;
        String collection = mongo.getCollectionName(Contact.class);
        this.byAddress = indexInProcess ? new KeyIndex(mongo, collection, "addresses", Contacts::normalize) : null;
        this.records = records;
    }

    public Contact insert(Contact contact) {
        indexed(contact.id(), contact.addresses());
        return mongo.insert(contact);
    }

    /** Inserts many new contacts in one round trip (an import); a contact a unique index refuses is left out of the answer. */
    public List<Contact> insertAll(List<Contact> contacts) {
        contacts.forEach(c -> indexed(c.id(), c.addresses()));
        return io.genjin.store.BulkInsert.skippingDuplicates(mongo, Contact.class, contacts);
    }

    public Contact save(Contact contact) {
        indexed(contact.id(), contact.addresses());
        return mongo.save(contact);
    }

    public Optional<Contact> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(records.get(id, this::read));
    }

    /** By primary key, without the mapping ({@link io.genjin.store.StoredRecords}). */
    private Contact read(String id) {
        return io.genjin.store.StoredRecords.findById(mongo, Contact.class, id);
    }

    public Contact get(String id) {
        return find(id).orElseThrow(() -> new NotFound("contact", id));
    }

    public Optional<Contact> byAddress(String address) {
        if (address == null) {
            return Optional.empty();
        }
        return withAddress(address, 1).stream().findFirst();
    }

    /**
     * The live contact of each of these addresses that has one, in one query rather than one per
     * address (an import checks a few hundred rows at a time): address as stored (trimmed, lower
     * case) to the oldest contact holding it.
     */
    public java.util.Map<String, Contact> byAddresses(Collection<String> addresses) {
        Set<String> wanted = new java.util.HashSet<>();
        addresses.stream().filter(java.util.Objects::nonNull).map(Contacts::normalize).forEach(wanted::add);
        java.util.Map<String, Contact> found = new java.util.HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        Query query;
        if (byAddress != null) {
            Set<String> ids = new java.util.HashSet<>();
            wanted.forEach(a -> ids.addAll(byAddress.candidates(a)));
            if (ids.isEmpty()) {
                return found;
            }
            // Top-level _id $in (not inside $and): the embedded server then reads by primary key.
            query = Query.query(Criteria.where("id").in(ids).and("addresses").in(wanted).and("mergedInto").isNull());
        } else {
            query = live(Criteria.where("addresses").in(wanted));
        }
        for (Contact c : mongo.find(query.with(Sort.by("createdAt")), Contact.class)) {
            for (String a : c.addresses()) {
                String key = normalize(a);
                if (wanted.contains(key)) {
                    found.putIfAbsent(key, c);
                }
            }
        }
        return found;
    }

    /** An address as contacts store and compare it. */
    public static String normalized(String address) {
        return normalize(address);
    }

    public List<Contact> allByAddress(String address) {
        return withAddress(address, 0);
    }

    /**
     * Live contacts with the address, oldest first; on the embedded store only among the in-process
     * index's candidates. Every ingested message asks this of each party, so the query is a document
     * and the contacts are read without the mapping ({@link io.genjin.store.StoredRecords}); where the
     * store tells every write, each candidate is read by id, kept between messages, and checked here
     * as the query would check it.
     */
    private List<Contact> withAddress(String address, int limit) {
        if (byAddress != null && records.keeps()) {
            String key = normalize(address);
            return records.matching(byAddress.candidates(address), this::read,
                    c -> c.mergedInto() == null && c.addresses().contains(key), OLDEST_FIRST, limit);
        }
        org.bson.Document filter = new org.bson.Document();
        if (!io.genjin.store.KeyIndex.narrow(byAddress, address, filter)) {
            return List.of();
        }
        filter.append("addresses", normalize(address)).append("mergedInto", null);
        return io.genjin.store.StoredRecords.find(mongo, Contact.class, filter, new org.bson.Document("createdAt", 1), limit);
    }

    public List<Contact> ofCompany(String companyId) {
        return mongo.find(live(Criteria.where("companyId").is(companyId)).with(Sort.by("name")), Contact.class);
    }

    /** Every live contact, in one pass that holds a page at a time (an export), in the store's order. Close the stream. */
    public java.util.stream.Stream<Contact> streamLive() {
        return io.genjin.store.OnePass.of(mongo, Query.query(Criteria.where("mergedInto").is(null)), Contact.class, embedded);
    }

    public List<Contact> ofCompanies(Collection<String> companyIds) {
        return mongo.find(live(Criteria.where("companyId").in(companyIds)), Contact.class);
    }

    /** Moves every contact of one company to another (a company merge); re-runnable. */
    /** Marks the contact as gone from the company (their address bounces); false when already marked. */
    public boolean markLeft(String contactId) {
        return cas.apply(Contact.class, contactId, Criteria.where("left").is(false), c -> !c.left(),
                Update.update("left", true)).isPresent();
    }

    public long moveAll(String fromCompanyId, String toCompanyId) {
        return mongo.updateMulti(Query.query(Criteria.where("companyId").is(fromCompanyId)),
                Update.update("companyId", toCompanyId), Contact.class).getModifiedCount();
    }

    public void markMerged(String contactId, String survivorId) {
        mongo.updateFirst(Query.query(Criteria.where("id").is(contactId)),
                Update.update("mergedInto", survivorId).set("addresses", List.of()), Contact.class);
    }

    public void addAddresses(String contactId, Collection<String> addresses) {
        indexed(contactId, addresses);
        mongo.updateFirst(Query.query(Criteria.where("id").is(contactId)),
                new Update().addToSet("addresses").each(addresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).toArray()),
                Contact.class);
    }

    private void indexed(String id, Collection<String> addresses) {
        if (byAddress != null && id != null) {
            byAddress.add(id, addresses);
        }
    }

    private static String normalize(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }

    private static Query live(Criteria criteria) {
        return Query.query(new Criteria().andOperator(criteria, Criteria.where("mergedInto").isNull()));
    }

    /**
     * Live contacts whose name or an address contains the text, at most {@code limit}; which of them the
     * caller may see is the caller's to check (a regex scan, as {@code Companies.search}).
     */
    public List<Contact> matching(String text, int limit) {
        String quoted = java.util.regex.Pattern.quote(text.trim());
        Criteria criteria = new Criteria().andOperator(Criteria.where("mergedInto").is(null), new Criteria().orOperator(
                Criteria.where("name").regex(quoted, "i"), Criteria.where("addresses").regex(quoted, "i")));
        return mongo.find(Query.query(criteria).limit(limit), Contact.class);
    }
}
