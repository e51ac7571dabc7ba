package io.genjin.store.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A filter of one top-level field against an {@code $in} list of values of one type (texts, whole
 * numbers of one width, ObjectIds), as a look-up by ids or by Message-IDs sends. The stock matcher
 * compares each document the index found with every value of the list in turn (a round's thousand
 * ids: a million comparisons); this answers from a set of the list's values, built once per list.
 * For these types the stock comparison is plain equality, so the answers are the same. Anything
 * else (another operator, a dotted field, a list of mixed or other types, a stored value of another
 * type, a list, null or missing) is left to the stock matcher.
 */
final class InList {
    private static final Set<Class<?>> TYPES = Set.of(String.class, Long.class, Integer.class, ObjectId.class);

    /** The last list seen (by identity: one query's filter is matched against each document it finds), as a set. */
    private record Values(Object list, Class<?> type, Set<Object> set) {
    }

    private volatile Values last;

    /** Whether the document matches the filter; null when the stock matcher must say. */
    Boolean matches(Document document, Document filter) {
        if (filter.size() != 1) {
            return null;
        }
        Map.Entry<String, Object> only = filter.entrySet().iterator().next();
        String field = only.getKey();
        if (!(only.getValue() instanceof Document condition) || condition.size() != 1
                || !(condition.get("$in") instanceof Collection<?> list) || field.isEmpty() || field.charAt(0) == '$'
                || field.indexOf('.') >= 0) {
            return null;
        }
        Values values = last;
        if (values == null || values.list() != list) {
            values = of(list);
            last = values;
        }
        Object stored = document.get(field);
        if (values.type() == null || stored == null || stored.getClass() != values.type()) {
            return null;
        }
        return values.set().contains(stored);
    }

    private static Values of(Collection<?> list) {
        Class<?> type = null;
        for (Object value : list) {
            Class<?> c = value == null ? null : value.getClass();
            if (c == null || !TYPES.contains(c) || type != null && type != c) {
                return new Values(list, null, Set.of());
            }
            type = c;
        }
        return new Values(list, type, new HashSet<>(list));
    }
}
