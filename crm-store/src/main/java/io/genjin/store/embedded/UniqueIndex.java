package io.genjin.store.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/** A unique index over one MVStore map from index key to the document's position. */
final class UniqueIndex extends AbstractUniqueIndex<Object> {
    private final MVMap<Object, Object> map;

    UniqueIndex(MVMap<Object, Object> map, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
    }

    /**
     * Also serves a query that names every key of this index with a plain value beside other
     * conditions, such as {@code {_id: x, version: 3}} (the update Spring Data sends for a record
     * with a version field): the stock index answers only a query on exactly its keys, so that one
     * read the whole collection. The index narrows it to the one document with those keys; the
     * collection then applies the whole query to it, as it does to what any index returns.
     */
    @Override
    public boolean canHandle(Document query) {
        if (super.canHandle(query)) {
            return true;
        }
        if (inValues(query) != null && (keys().size() == 1 || !isSparse())) {
            return true;
        }
        if (isSparse()) {
            return false;
        }
        int prefix = plainPrefix(query);
        return prefix == keys().size() ? query.size() > keys().size() : prefix > 0;
    }

    /**
     * The values of a query that asks this index's first key for any of a list of plain values,
     * beside other conditions, such as {@code {_id: {$in: [a, b]}, addresses: x, mergedInto: null}}
     * (a look-up of the candidates another index named) or {@code {k: {$in: [day1, day2]}}} on an
     * index of {@code k} and {@code _id} (the quotations of some days); null for any other query.
     * The stock index serves {@code $in} only on a single-key index and only when the query names
     * nothing else, so such a look-up read the whole collection. A null in the list could match a
     * document without the key, so it is left to a scan.
     */
    private java.util.Collection<?> inValues(Document query) {
        if (!(query.get(keys().get(0)) instanceof Document condition) || condition.size() != 1
                || !(condition.get("$in") instanceof java.util.Collection<?> values)) {
            return null;
        }
        for (Object value : values) {
            if (!plain(value)) {
                return null;
            }
        }
        return values;
    }

    /** A value an index key can be looked up with as it is: not null, an operator, a list or a pattern. */
    private static boolean plain(Object value) {
        return value != null && !(value instanceof Document) && !(value instanceof java.util.Collection<?>)
                && !(value instanceof Missing) && !de.bwaldvogel.mongo.bson.BsonRegularExpression.isRegularExpression(value);
    }

    /**
     * Also serves a query that names the first keys of a compound index with plain values, whatever
     * else it asks, such as {@code {files_id: x, n: {$gte: 0}}} (how the driver reads a GridFS file's
     * chunks): the stock index answers only a query on exactly its keys, so each such read went
     * through the whole collection, every chunk of every file read from disk and decoded. Keys with the
     * same first values are next to each other in the index's order ({@link IndexKeyType}), so they are
     * read from the first such key on; the collection then applies the whole query to what they name.
     */
    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        if (super.canHandle(query)) {
            return super.getPositions(query);
        }
        java.util.Collection<?> in = inValues(query);
        if (in != null) {
            Set<Object> positions = new LinkedHashSet<>();
            for (Object value : in) {
                Document named = new Document(keys().get(0), value);
                if (keys().size() > 1) {
                    positionsFrom(named, 1, positions);
                    continue;
                }
                // The key as the index makes it from a document holding the value.
                Object position = getPosition(getKeyValues(named).iterator().next());
                if (position != null) {
                    positions.add(position);
                }
            }
            return positions;
        }
        int prefix = plainPrefix(query);
        if (prefix == 0 || prefix == keys().size()) {
            return super.getPositions(query);
        }
        Document named = new Document();
        for (int i = 0; i < prefix; i++) {
            named.put(keys().get(i), query.get(keys().get(i)));
        }
        Set<Object> positions = new LinkedHashSet<>();
        positionsFrom(named, prefix, positions);
        return positions;
    }

    /** Adds the positions of every key whose first {@code prefix} values are those {@code named} gives. */
    private void positionsFrom(Document named, int prefix, Set<Object> positions) {
        KeyValue from = getKeyValues(named).iterator().next();
        // A document whose later key is a list has one index key per element: named once.
        Cursor<Object, Object> cursor = map.cursor(from);
        while (cursor.hasNext()) {
            KeyValue key = (KeyValue) cursor.next();
            if (!samePrefix(key, from, prefix)) {
                break;
            }
            positions.add(cursor.getValue());
        }
    }

    /** How many of this index's first keys the query names with a plain value (not null, an operator, a list or a pattern). */
    private int plainPrefix(Document query) {
        int prefix = 0;
        for (String key : keys()) {
            if (!plain(query.get(key))) {
                break;
            }
            prefix++;
        }
        return prefix;
    }

    private static boolean samePrefix(KeyValue key, KeyValue from, int prefix) {
        if (key.size() != from.size()) {
            return false;
        }
        for (int i = 0; i < prefix; i++) {
            if (IndexKeyType.compareValues(key.get(i), from.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds the document's keys without checking them again: the collection has already called
     * {@link #checkAdd} (or {@code checkUpdate}) on every index before it adds to any, which is
     * where a duplicate is refused. The stock {@code add} checks again, computing the keys twice
     * more, which was a fifth of the embedded server's time on an insert. A key found taken anyway
     * undoes this call's keys and is refused as a duplicate, as the stock check would.
     */
    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        if (isSparse()) {
            super.add(document, position, collection);
            return;
        }
        List<KeyValue> added = new ArrayList<>();
        for (KeyValue key : getKeyValues(document)) {
            if (!putKeyPosition(key, position)) {
                added.forEach(map::remove);
                throw new DuplicateKeyError(this, collection, getKeys(), key);
            }
            added.add(key);
        }
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        return map.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return (Iterable) map.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return map.get(key);
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
