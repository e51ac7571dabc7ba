package io.genjin.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.bson.types.ObjectId;

/**
 * Records of one collection read by id, kept in process while no write touches them: linking reads
 * the contact of each party and that contact's company for every message, and the same few hundred
 * customers come back message after message (measured: a fifth of a first sync's serial thread went
 * to those reads). Only over a store that tells every write ({@link DocumentChanges#complete()});
 * over any other the cache keeps nothing ({@link #keeps()} is false) and every read goes to the store.
 *
 * <p>A kept record is never stale. The store tells each changed id in the writing thread, before the
 * write returns, and that drops the id. A read that missed keeps what it read only if no change at
 * all was told while it read: a write that landed between the read and the keeping would otherwise
 * leave the older record behind for good. Keeping and dropping hold one short lock, never a store
 * call. Records are immutable; the bound is on their number (Caffeine's size eviction).
 */
public final class RecordCache<T> {
    /** Null when nothing is kept: the store does not tell every write. */
    private final Cache<String, T> kept;
    private final Object lock = new Object();
    /** Changes told so far; a read keeps its record only if this did not move while it read. */
    private volatile long told;

    private RecordCache(Cache<String, T> kept) {
        this.kept = kept;
    }

    /** A cache that keeps nothing: every {@link #get} reads the store. */
    public static <T> RecordCache<T> none() {
        return new RecordCache<>(null);
    }

    /**
     * Over the collection: keeping up to {@code maximum} records when the store tells every write,
     * else keeping nothing ({@link #none()}).
     */
    public static <T> RecordCache<T> of(DocumentChanges changes, String database, String collection, int maximum) {
        if (!changes.complete()) {
            return none();
        }
        RecordCache<T> cache = new RecordCache<>(Caffeine.newBuilder().maximumSize(maximum).build());
        changes.listen(database, collection, cache::changed);
        return cache;
    }

    /** Whether records are kept: then a {@link #kept} record is the stored one as of the last write told. */
    public boolean keeps() {
        return kept != null;
    }

    /**
     * A query answered from the kept records: each of the candidates {@code ids} read as {@link #get}
     * reads it, those {@code matches} accepts, in {@code order}, at most {@code limit} of them (0: all).
     * The caller checks what the query would have checked (the candidates come from an index that may
     * hold more).
     */
    public List<T> matching(Collection<String> ids, Function<String, T> read, Predicate<? super T> matches,
            Comparator<? super T> order, int limit) {
        List<T> found = new ArrayList<>(ids.size());
        for (String id : ids) {
            T record = get(id, read);
            if (record != null && matches.test(record)) {
                found.add(record);
            }
        }
        found.sort(order);
        return limit > 0 && found.size() > limit ? found.subList(0, limit) : found;
    }

    /** The record, kept or else read by {@code read} (null when there is none; an absence is not kept). */
    public T get(String id, Function<String, T> read) {
        if (kept == null) {
            return read.apply(id);
        }
        String key = key(id);
        T record = kept.getIfPresent(key);
        if (record != null) {
            return record;
        }
        long before = told;
        record = read.apply(id);
        if (record != null) {
            synchronized (lock) {
                if (told == before) {
                    kept.put(key, record);
                }
            }
        }
        return record;
    }

    /** The record if it is kept, without reading the store: then it is the stored one as of the last write told. */
    public T kept(String id) {
        return kept == null ? null : kept.getIfPresent(key(id));
    }

    /**
     * An id as the store tells it: an ObjectId's text in lower case, as the store reads "6B16…" and
     * "6b16…" alike, so that a record asked for in capitals is dropped by the write of its ObjectId too.
     */
    private static String key(String id) {
        return ObjectId.isValid(id) ? id.toLowerCase(java.util.Locale.ROOT) : id;
    }

    /** How many records are kept now (tests, and the bound). */
    public long size() {
        if (kept == null) {
            return 0;
        }
        kept.cleanUp();
        return kept.estimatedSize();
    }

    private void changed(Object storedId) {
        synchronized (lock) {
            told++;
            // A record's id is text, stored as an ObjectId when it is one; any other kind of _id drops them all.
            if (storedId instanceof ObjectId o) {
                kept.invalidate(o.toHexString());
            } else if (storedId instanceof String text) {
                kept.invalidate(text);
            } else {
                kept.invalidateAll();
            }
        }
    }
}
