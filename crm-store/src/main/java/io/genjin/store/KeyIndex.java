package io.genjin.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;

/**
 * An in-process "key → document ids" index over one array field, for the embedded store only.
 *
 * <p>Why: the embedded server lists but never builds non-unique indexes, so "the contact with this
 * address" or "the company with this domain" scans its collection, and linking asks that several
 * times per message (measured: the largest share of import time). The embedded data file is locked
 * by one process, so every write passes through this process. The index may hold too much, never
 * too little: a key is added <em>before</em> the write that introduces it, and nothing is removed;
 * callers re-check every candidate with the original query ({@code _id $in} plus the criteria), so a
 * stale entry costs one primary-key read and a key nobody has costs no round trip at all. A real
 * MongoDB needs none of this: its own index serves the query.
 */
public final class KeyIndex {
    private final MongoOperations mongo;
    private final String collection;
    private final String field;
    private final Function<String, String> normalize;
    /**
     * Key to its one id (a String), or to a set of ids once a second one comes: nearly every address
     * and domain has one document, and a set per key cost about 180 bytes more (measured: 200,000
     * keys of an import, 36 MB).
     */
    private final Map<String, Object> ids = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public KeyIndex(MongoOperations mongo, String collection, String field, Function<String, String> normalize) {
        this.mongo = mongo;
        this.collection = collection;
        this.field = field;
        this.normalize = normalize;
    }

    /** Ids of documents that may hold the key (a superset); empty means none does. */
    public Set<String> candidates(String key) {
        ensureLoaded();
        return idsOf(ids.get(normalize.apply(key)));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> idsOf(Object value) {
        return value == null ? Set.of() : value instanceof String one ? Set.of(one) : (Set<String>) value;
    }

    /** Atomic per key (the map's merge): one id stays a String, a second turns it into a set. */
    private void put(String key, String id) {
        ids.merge(key, id, (old, added) -> {
            if (old instanceof String one) {
                if (one.equals(added)) {
                    return one;
                }
                Set<String> both = ConcurrentHashMap.newKeySet();
                both.add(one);
                both.add((String) added);
                return both;
            }
            idsOf(old).add((String) added);
            return old;
        });
    }

    /** Fills the index now (one pass over the collection) rather than at its first use. */
    public void prime() {
        ensureLoaded();
    }

    /** Call before writing a document that holds these keys. */
    public void add(String id, Collection<String> keys) {
        ensureLoaded();
        for (String key : keys) {
            put(normalize.apply(key), id);
        }
    }

    /**
     * A filter selecting at least the documents holding one of these keys: {@code _id $in} the candidates
     * (ids stored as ObjectIds where the text is one) through {@code index}, or {@code field $in} the keys
     * when there is no index (a real MongoDB, whose own index serves it). Callers re-check the field.
     */
    public static Document filter(KeyIndex index, String field, Collection<String> keys) {
        if (index == null) {
            return new Document(field, new Document("$in", List.copyOf(keys)));
        }
        List<Object> ids = new java.util.ArrayList<>();
        for (String key : keys) {
            for (String id : index.candidates(key)) {
                ids.add(Ids.stored(id));
            }
        }
        return new Document("_id", new Document("$in", ids));
    }

    /**
     * Narrows {@code filter} to the candidates of one key, as a top-level {@code _id $in} (not inside an
     * {@code $and}: the embedded server then reads them by primary key); false when the index knows no
     * candidate, so that nothing can match. Without an index ({@code null}: a real MongoDB) the filter is
     * left as it is. Callers still filter on the field itself.
     */
    public static boolean narrow(KeyIndex index, String key, Document filter) {
        if (index == null) {
            return true;
        }
        Set<String> ids = index.candidates(key);
        if (ids.isEmpty()) {
            return false;
        }
        filter.append("_id", new Document("$in", ids.stream().map(Ids::stored).toList()));
        return true;
    }

    /** One pass over the collection, reading only the indexed field. */
    private void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            Query query = new Query();
            query.fields().include(field);
            for (Document d : mongo.find(query, Document.class, collection)) {
                Object id = d.get("_id");
                String docId = id instanceof ObjectId oid ? oid.toHexString() : String.valueOf(id);
                Object value = d.get(field);
                for (Object key : value instanceof List<?> list ? list : value == null ? List.of() : List.of(value)) {
                    put(normalize.apply(String.valueOf(key)), docId);
                }
            }
            loaded = true;
        }
    }
}
