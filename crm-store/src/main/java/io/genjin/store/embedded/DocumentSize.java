package io.genjin.store.embedded;

import de.bwaldvogel.mongo.bson.BinData;
import java.util.Collection;
import java.util.Map;

/**
 * A document's size on the heap, roughly, for the store's page cache. It must not undercount
 * large values: a GridFS chunk carries 255 kB of bytes, and a cache that thinks it holds less
 * than it does grows the heap past its budget.
 */
final class DocumentSize {
    private static final int OBJECT = 24;
    private static final int ENTRY = 48;

    private DocumentSize() {
    }

    static int estimate(Object value) {
        if (value instanceof Map<?, ?> map) {
            int size = 64;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += ENTRY + estimate(entry.getKey()) + estimate(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> values) {
            int size = 40;
            for (Object element : values) {
                size += 8 + estimate(element);
            }
            return size;
        }
        if (value instanceof String text) {
            return 40 + text.length() * 2;
        }
        if (value instanceof byte[] bytes) {
            return 16 + bytes.length;
        }
        if (value instanceof BinData binary) {
            return 32 + binary.getData().length;
        }
        return OBJECT;
    }
}
