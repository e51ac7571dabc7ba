package io.genjin.store.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The replacement of one document named by its {@code _id} (a versioned save, Spring's {@code save} of a
 * record that exists), answered as mongo-java-server's update answers it, without the stock update's
 * work around it: that deep-copies the stored document, deep-copies the replacement into a new one,
 * compares the two, then normalises both whole documents into further copies to compare them once more.
 * For a document with a list of sixty entries (a customer's health signals, written for every message)
 * that was most of the write.
 *
 * <p>Here the stored document is read through the {@code _id} index and never changed; the new one takes
 * the stored fields' order, then the replacement's new fields, as the stock update leaves it; the index
 * checks and the write are the stock update's. Anything else (several documents, an {@code _id} that is
 * not text or an ObjectId, a replacement naming an operator or another {@code _id}, no stored document
 * matching the whole filter, so an upsert or no match) is left to the stock update. The new document
 * keeps the replacement's values without copying them: the command that brought them is decoded (or,
 * in-process, converted) for this write alone, and nothing changes a stored value in place.
 */
final class ReplaceById {
    static final String ID = "_id";

    /** What the collection gives this class: its indexes, a stored document, a filter's test, the write. */
    interface Store {
        List<Index<Object>> indexes();

        Document stored(Object position);

        boolean matches(Document document, Document filter);

        void write(Object position, Document before, Document after);

        MongoCollection<Object> collection();
    }

    private ReplaceById() {
    }

    /** The update's answer ({@code n}, {@code nModified}), or null to leave the update to the stock code. */
    static Document apply(Store store, Document selector, Document replacement) {
        Object id = selector.get(ID);
        if (!(id instanceof String || id instanceof ObjectId) || replacement.keySet().stream().anyMatch(key -> key.startsWith("$"))) {
            return null;
        }
        Index<Object> byId = idIndex(store.indexes());
        Object position = byId == null ? null : byId.getPosition(new Document(ID, id));
        Document stored = position == null ? null : store.stored(position);
        if (stored == null || !store.matches(stored, selector)
                || replacement.containsKey(ID) && !same(replacement.get(ID), stored.get(ID))) {
            return null;
        }
        Utils.validateFieldNames(replacement);
        Document after = new Document();
        for (Map.Entry<String, Object> field : stored.entrySet()) {
            if (field.getKey().equals(ID)) {
                after.put(ID, replacement.containsKey(ID) ? replacement.get(ID) : field.getValue());
            } else if (replacement.containsKey(field.getKey())) {
                after.put(field.getKey(), replacement.get(field.getKey()));
            }
        }
        replacement.forEach((key, value) -> {
            if (!after.containsKey(key)) {
                after.put(key, value);
            }
        });
        // Counted modified as the stock update counts it: when what is written differs from what was stored,
        // numbers compared by value. A replacement that changes nothing at all writes nothing.
        boolean write = !equalInOrder(stored, after, false);
        boolean modified = write && !equalInOrder(stored, after, true);
        if (write) {
            write(store, position, stored, after);
        }
        Document answer = new Document("n", 1);
        answer.put("nModified", modified ? 1 : 0);
        return answer;
    }

    /** The new version in the place of the stored one, its unique keys checked and moved first, as the stock update does. */
    static void write(Store store, Object position, Document stored, Document after) {
        MongoCollection<Object> collection = store.collection();
        for (Index<Object> index : store.indexes()) {
            index.checkUpdate(stored, after, collection);
        }
        for (Index<Object> index : store.indexes()) {
            index.updateInPlace(stored, after, position, collection);
        }
        store.write(position, stored, after);
    }

    /** The collection's index on {@code _id} alone, or null. */
    static Index<Object> idIndex(List<Index<Object>> indexes) {
        for (Index<Object> index : indexes) {
            if (index.getKeys().size() == 1 && index.getKeys().get(0).getKey().equals(ID)) {
                return index;
            }
        }
        return null;
    }

    /**
     * Whether two documents have the same fields in the same order with equal values: as
     * {@code Document.equals}, or, {@code normalised}, as mongo-java-server compares values (numbers by
     * their value, null and missing alike). The fields' values are compared from the last one, where a
     * saved record's version differs.
     */
    static boolean equalInOrder(Document a, Document b, boolean normalised) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<String> other = b.keySet().iterator();
        for (String key : a.keySet()) {
            if (!key.equals(other.next())) {
                return false;
            }
        }
        Object[] keys = a.keySet().toArray();
        for (int i = keys.length - 1; i >= 0; i--) {
            Object x = a.get(keys[i]);
            Object y = b.get(keys[i]);
            if (!(normalised ? same(x, y) : Objects.equals(x, y))) {
                return false;
            }
        }
        return true;
    }

    /** mongo-java-server's equality of two stored values, without its normalised copies. */
    static boolean same(Object a, Object b) {
        if (a == b) {
            return true;
        }
        boolean aMissing = Missing.isNullOrMissing(a);
        boolean bMissing = Missing.isNullOrMissing(b);
        if (aMissing || bMissing) {
            return aMissing && bMissing;
        }
        if (a instanceof Number || b instanceof Number) {
            return Objects.equals(number(a), number(b));
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return sameMaps(x, y);
        }
        if (a instanceof Collection<?> x && b instanceof Collection<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> other = y.iterator();
            for (Object item : x) {
                if (!same(item, other.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> || b instanceof Map<?, ?> || a instanceof Collection<?> || b instanceof Collection<?>) {
            return false;
        }
        return a.equals(b);
    }

    private static boolean sameMaps(Map<?, ?> x, Map<?, ?> y) {
        if (x.size() != y.size()) {
            return false;
        }
        Iterator<?> other = y.keySet().iterator();
        for (Object key : x.keySet()) {
            if (!key.equals(other.next())) {
                return false;
            }
        }
        for (Object key : x.keySet()) {
            if (!same(x.get(key), y.get(key))) {
                return false;
            }
        }
        return true;
    }

    /** A number as mongo-java-server normalises it: a long too large for a double as it is, any other as a double, -0 as 0. */
    private static Object number(Object value) {
        if (!(value instanceof Number n)) {
            return value;
        }
        if (value instanceof Long l && l.longValue() != (long) l.doubleValue()) {
            return value;
        }
        double d = n.doubleValue();
        return d == -0.0 ? 0.0 : d;
    }
}
