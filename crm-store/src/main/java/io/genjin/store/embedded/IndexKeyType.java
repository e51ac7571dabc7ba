package io.genjin.store.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded store's unique indexes: stored as {@link StoredType} stores them,
 * and ordered without serialising them.
 *
 * <p>H2 orders a key it has no native type for (mongo-java-server's {@link KeyValue}) by
 * Java-serialising both sides on every comparison, so each step of every B-tree search serialised
 * two objects. A profile of the follow-up scan spent 61 % of its CPU there: every inserted task and
 * timeline line searches its dedupe-key and source-key indexes.
 *
 * <p>This order compares the key's size, then each value: {@code null} first, then by class name,
 * then by the value's own {@code compareTo} for classes whose natural order agrees with
 * {@code equals}. Any other value (a sub-document, a list) falls back to comparing its serialised
 * bytes, as before, so two keys are equal exactly when they were equal under H2's order. Only the
 * order of unequal keys changed, and the unique indexes serve only point lookups and full scans,
 * never ranges, so nothing depends on it.
 */
final class IndexKeyType extends StoredType {
    private static final Set<Class<?>> NATURAL = Set.of(String.class, Integer.class, Long.class, Double.class,
            Boolean.class, UUID.class, ObjectId.class, Instant.class, Date.class);

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue x && b instanceof KeyValue y) {
            return compareKeys(x, y);
        }
        return super.compare(a, b);
    }

    static int compareKeys(KeyValue x, KeyValue y) {
        int bySize = Integer.compare(x.size(), y.size());
        if (bySize != 0) {
            return bySize;
        }
        for (int i = 0; i < x.size(); i++) {
            int byValue = compareValues(x.get(i), y.get(i));
            if (byValue != 0) {
                return byValue;
            }
        }
        return 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareValues(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a == null || b == null) {
            return a == null ? -1 : 1;
        }
        Class<?> type = a.getClass();
        if (type != b.getClass()) {
            return type.getName().compareTo(b.getClass().getName());
        }
        if (NATURAL.contains(type)) {
            return ((Comparable) a).compareTo(b);
        }
        return compareNotNull(serialize(a), serialize(b));
    }
}
