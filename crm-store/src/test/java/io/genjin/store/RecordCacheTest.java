package io.genjin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** Records kept between reads only while the store has told no write of them. */
class RecordCacheTest {
    /** A store that tells every write to whoever listens, as the embedded backend does. */
    private static final class Told implements DocumentChanges {
        final List<Consumer<Object>> listeners = new ArrayList<>();

        @Override
        public boolean complete() {
            return true;
        }

        @Override
        public void listen(String database, String collection, Consumer<Object> changed) {
            listeners.add(changed);
        }

        void write(Object id) {
            listeners.forEach(l -> l.accept(id));
        }
    }

    private final Told store = new Told();
    private final Map<String, String> stored = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();

    private String read(String id) {
        reads.incrementAndGet();
        return stored.get(id);
    }

    @Test
    void aKeptRecordIsServedWithoutAReadUntilAWriteOfItIsTold() {
        RecordCache<String> cache = RecordCache.of(store, "genjin", "contacts", 100);
        String id = new ObjectId().toHexString();
        stored.put(id, "v1");
        stored.put("plain", "p1");
        assertThat(cache.get(id, this::read)).isEqualTo("v1");
        assertThat(cache.get(id, this::read)).isEqualTo("v1");
        assertThat(reads).hasValue(1);

        stored.put(id, "v2");
        store.write(new ObjectId(id));   // told as stored: an ObjectId
        assertThat(cache.get(id, this::read)).isEqualTo("v2");
        assertThat(cache.get("plain", this::read)).isEqualTo("p1");
        stored.put("plain", "p2");
        store.write("plain");            // a text _id
        assertThat(cache.get("plain", this::read)).isEqualTo("p2");
        assertThat(reads).hasValue(4);

        stored.put(id, "v3");
        store.write(null);               // the collection dropped or renamed
        assertThat(cache.get(id, this::read)).isEqualTo("v3");
        assertThat(cache.get("plain", this::read)).isEqualTo("p2");
        assertThat(reads).hasValue(6);
    }

    @Test
    void anObjectIdAskedForInCapitalsIsDroppedByTheWriteOfItsObjectId() {
        RecordCache<String> cache = RecordCache.of(store, "genjin", "contacts", 100);
        ObjectId id = new ObjectId();
        String upper = id.toHexString().toUpperCase(java.util.Locale.ROOT);
        stored.put(upper, "v1");
        assertThat(cache.get(upper, this::read)).isEqualTo("v1");
        assertThat(cache.kept(id.toHexString())).isEqualTo("v1");
        stored.put(upper, "v2");
        store.write(id);
        assertThat(cache.get(upper, this::read)).isEqualTo("v2");
    }

    @Test
    void aRecordReadWhileAWriteWasToldIsNotKept() {
        RecordCache<String> cache = RecordCache.of(store, "genjin", "contacts", 100);
        stored.put("a", "old");
        // The write lands (and is told) after the read took the old record and before the read keeps it.
        String first = cache.get("a", id -> {
            String seen = read(id);
            stored.put("a", "new");
            store.write("a");
            return seen;
        });
        assertThat(first).isEqualTo("old");
        assertThat(cache.get("a", this::read)).isEqualTo("new");
        assertThat(cache.get("a", this::read)).isEqualTo("new");
        assertThat(reads).hasValue(2);
    }

    @Test
    void anAbsentRecordIsReadEachTime() {
        RecordCache<String> cache = RecordCache.of(store, "genjin", "contacts", 100);
        assertThat(cache.get("none", this::read)).isNull();
        stored.put("none", "now");
        assertThat(cache.get("none", this::read)).isEqualTo("now");
        assertThat(reads).hasValue(2);
    }

    @Test
    void keepsAtMostItsBound() {
        RecordCache<String> cache = RecordCache.of(store, "genjin", "contacts", 50);
        for (int i = 0; i < 500; i++) {
            stored.put("r" + i, "v" + i);
            assertThat(cache.get("r" + i, this::read)).isEqualTo("v" + i);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(50);
    }

    @Test
    void overAStoreThatDoesNotTellEveryWriteNothingIsKeptAndEveryGetReads() {
        for (RecordCache<String> cache : List.of(RecordCache.<String>of(DocumentChanges.NONE, "genjin", "contacts", 100),
                RecordCache.<String>none())) {
            reads.set(0);
            stored.put("a", "v1");
            assertThat(cache.keeps()).isFalse();
            assertThat(cache.get("a", this::read)).isEqualTo("v1");
            stored.put("a", "v2");   // written behind its back, told to no one
            assertThat(cache.get("a", this::read)).isEqualTo("v2");
            assertThat(cache.kept("a")).isNull();
            assertThat(cache.size()).isZero();
            assertThat(reads).hasValue(2);
        }
        assertThat(RecordCache.of(store, "genjin", "contacts", 100).keeps()).isTrue();
    }
}
