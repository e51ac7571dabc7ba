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
    private final Map<String, Set<String>> ids = new ConcurrentHashMap<>();
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
        return ids.getOrDefault(normalize.apply(key), Set.of());
    }

    /** Call before writing a document that holds these keys. */
    public void add(String id, Collection<String> keys) {
        ensureLoaded();
        for (String key : keys) {
            ids.computeIfAbsent(normalize.apply(key), k -> ConcurrentHashMap.newKeySet()).add(id);
        }
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
                    ids.computeIfAbsent(normalize.apply(String.valueOf(key)), k -> ConcurrentHashMap.newKeySet()).add(docId);
                }
            }
            loaded = true;
        }
    }
}
