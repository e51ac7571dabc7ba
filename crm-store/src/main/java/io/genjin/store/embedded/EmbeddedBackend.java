package io.genjin.store.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import java.nio.file.Path;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend, made fast enough for the product's embedded store. Three things
 * change; the rest (collections, queries, the file) is the stock backend's:
 * <ul>
 *   <li>documents, ids and index keys are written as BSON ({@link StoredType}), not Java-serialised;
 *   <li>unique indexes order their keys without serialising them ({@link IndexKeyType});
 *   <li>a unique index adds a document's keys once, after the collection's check ({@link UniqueIndex}).
 * </ul>
 *
 * <p>A data file written by the stock backend opens as is. Its documents read as before and are
 * rewritten as BSON when they change. Its index maps are removed, because the new ones (named
 * with {@value #INDEX_INFIX}) are ordered differently, and mongo-java-server rebuilds every index
 * it finds empty from the collection's documents when the database opens.
 */
public class EmbeddedBackend extends H2Backend {
    static final String INDEX_INFIX = "._uindex_";
    private static final String STOCK_INDEX_INFIX = "._index_";
    private static final String DATA_PREFIX = "databases.";

    /**
     * The MVStore page cache, in MB. At H2's default (16) one 100 MB attachment written through
     * GridFS grew the live heap by about 45 MB; at 8 the growth measured a few MB with no measurable
     * cost to import speed (bench/mbox), and a larger cache did not speed the follow-up scan
     * (bench/followup at 2, 4, 16 and 32 MB). Reads that miss it hit the OS page cache of the file.
     */
    public static final int CACHE_MB = 8;
    /**
     * Unsaved pages, in KB, before the MVStore commits on its own. H2's default grows with the heap
     * (19 MB at 1 GB) and let a 100 MB attachment sit in the heap until its commit (114 MB growth in
     * bench/mbox); at 4 MB the growth was under 10 MB. At 1 MB a large scan committed 13,000 times
     * and left a file three times the size.
     */
    public static final int COMMIT_BUFFER_KB = 4 * 1024;

    public EmbeddedBackend(MVStore store) {
        super(store);
    }

    /** The product's settings for its data file; {@code open()} it, or adjust it first (benchmarks). */
    public static MVStore.Builder storeAt(Path file) {
        return new MVStore.Builder().fileName(file.toString()).cacheSize(CACHE_MB).autoCommitBufferSize(COMMIT_BUFFER_KB);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    /**
     * An inner class on purpose: its constructor runs mongo-java-server's index initialisation,
     * which calls {@link #openOrCreateUniqueIndex} before any field of this class is assigned; the
     * reference to the enclosing backend (and so to its store) is set before that.
     */
    private final class Database extends H2Database {
        Database(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // The stock backend opens the collection's map by name only; opened here first, with
            // BSON types, that is the instance it gets.
            getMvStore().openMap(DATA_PREFIX + getFullCollectionNamespace(collectionName),
                    new MVMap.Builder<>().keyType(new StoredType()).valueType(new StoredType()));
            return super.openOrCreateCollection(collectionName, options);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            MVStore store = getMvStore();
            String stock = getFullCollectionNamespace(collectionName) + STOCK_INDEX_INFIX + indexName;
            if (store.hasMap(stock)) {
                store.removeMap(stock);
            }
            MVMap<Object, Object> map = store.openMap(mapName(collectionName, indexName),
                    new MVMap.Builder<>().keyType(new IndexKeyType()).valueType(new StoredType()));
            return new UniqueIndex(map, indexName, keys, sparse);
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            getMvStore().removeMap(mapName(collection.getCollectionName(), indexName));
        }

        private String mapName(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + INDEX_INFIX + indexName;
        }
    }
}
