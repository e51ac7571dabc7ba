package io.genjin.store.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.genjin.store.DocumentChanges;
import io.netty.channel.Channel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend, made fast enough for the product's embedded store and safe to
 * kill. Seven things change; the rest (collections, queries, the file) is the stock backend's:
 * <ul>
 *   <li>documents, ids and index keys are written as BSON ({@link StoredType}), not Java-serialised;
 *   <li>unique indexes order their keys without serialising them ({@link IndexKeyType});
 *   <li>a unique index adds a document's keys once, after the collection's check ({@link UniqueIndex});
 *   <li>queries answer with copies, so an update never changes a document a reader holds ({@link Collection});
 *   <li>a replacement by {@code _id}, and a {@code $set} of fields of a document by its {@code _id}, are written
 *       without the stock update's copies and comparisons ({@link ReplaceById}, {@link SetById});
 *   <li>the file is committed only between commands, never in the middle of one;
 *   <li>every write tells the listeners of its collection which document it changed ({@link DocumentChanges}).
 * </ul>
 *
 * <p>Committing between commands matters after a kill: the file reopens at its last commit. One command writes several
 * MVStore maps in turn (an insert puts the document, then each unique index's key), and the
 * MVStore's own commits (its background thread every second, and any write finding too much
 * unsaved) land wherever they fall, so a commit could keep a document without its unique index key.
 * After a restart the index did not know the key, and the same Message-ID was stored a second time.
 * Here the MVStore is opened with its own commits off ({@link #storeAt}); every command holds a
 * shared lock while it runs, and a commit's start takes it exclusively, so what a commit writes is
 * the state after whole commands. Only that start holds commands up: the version it closed is
 * written to the file on H2's own threads while commands go on in the next one ({@link #commit()}).
 * This backend commits every second when something changed, once a
 * command leaves more than {@value #COMMIT_BUFFER_KB} KB unsaved, on {@link #commit()} and at close;
 * it also rewrites sparse chunks (what the MVStore's background housekeeping did) under the same lock.
 * A commit for writes about to be acknowledged ({@link #commitDurably()}) also syncs the file to the
 * disk, so that they survive a crash of the machine too.
 *
 * <p>A data file written by the stock backend opens as is. Its documents read as before and are
 * rewritten as BSON when they change. Its index maps are removed, because the new ones (named
 * with {@value #INDEX_INFIX}) are ordered differently, and mongo-java-server rebuilds every index
 * it finds empty from the collection's documents when the database opens.
 */
public class EmbeddedBackend extends H2Backend implements DocumentChanges {
    static final String INDEX_INFIX = "._uindex_";
    private static final String STOCK_INDEX_INFIX = "._index_";
    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";

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
     * bench/mbox); at 4 MB the growth measured under 10 MB then, 52 MB later. At 1 MB a large scan
     * committed 13,000 times and left a file three times the size. Each commit rewrites every index
     * page its writes touched, and holds every command up while it writes: at 16 MB an import of 5,800
     * messages ran about 0.9 s faster than at 4 MB (18.3 s against 19.2, three alternating runs each),
     * wrote a data file a quarter smaller (195 MB instead of 262), and peaked at the same resident
     * memory; 32 MB gained nothing more. A file's chunks are committed sooner
     * ({@link #CHUNKS_COMMIT_BUFFER_KB}).
     */
    public static final int COMMIT_BUFFER_KB = 16 * 1024;
    /**
     * A file's chunks (GridFS: a large raw message or attachment, 255 KiB a chunk), in KB, written since
     * the last commit before the next command to finish commits. A chunk page costs the heap several
     * times what the unsaved-page budget counts it at, and a 100 MB attachment's chunks sat in the heap
     * until the 16 MB buffer filled (82 MB of live-heap growth, bench/mbox). Counted apart from the
     * buffer, so that the chunks of an ordinary attachment do not commit the rest of the buffer early.
     */
    static final int CHUNKS_COMMIT_BUFFER_KB = 1024;
    /**
     * Chunks filled below this are rewritten, a little at each periodic commit that found nothing to
     * commit (H2's own target); while writes go on, only below {@link #BUSY_FILL_RATE}, so that
     * rewriting does not hold commands up (H2's housekeeping is less eager when busy, too).
     */
    static final int TARGET_FILL_RATE = 90;
    static final int BUSY_FILL_RATE = 50;
    private static final long COMMIT_EVERY_MS = 1000;

    private final ReentrantReadWriteLock commands = new ReentrantReadWriteLock();
    private final int commitBufferBytes;
    private final ScheduledExecutorService committer;
    private final java.util.concurrent.atomic.AtomicLong commandsRun = new java.util.concurrent.atomic.AtomicLong();
    private long commandsAtLastTick;
    private volatile boolean commitBeforeReplying;
    private final java.util.concurrent.atomic.AtomicLong writesAnswered = new java.util.concurrent.atomic.AtomicLong();
    private final Object groupCommit = new Object();
    private long committedUpTo;
    /**
     * File chunks' estimated bytes written at {@link #chunksVersion} (the store's version: a commit
     * starts a new one), for {@link #CHUNKS_COMMIT_BUFFER_KB}. An estimate: two writers racing on a new
     * version may each start the count.
     */
    private final java.util.concurrent.atomic.AtomicLong chunkBytes = new java.util.concurrent.atomic.AtomicLong();
    private volatile long chunksVersion = -1;
    /** Connections' worth of the command handler's state, for commands run in this process ({@link #run}). */
    private final java.util.Queue<Channel> idleChannels = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /**
     * Listeners by collection ({@code database.collection}). Read at each write: collections opened while
     * the stock backend's constructor runs (before this field is set) exist before any write does.
     */
    private final java.util.Map<String, List<Consumer<Object>>> listeners = new java.util.concurrent.ConcurrentHashMap<>();

    /** Over a store opened by {@link #storeAt}: its own commits off. */
    public EmbeddedBackend(MVStore store) {
        this(store, COMMIT_BUFFER_KB);
    }

    /** The same, committing once a command leaves more than {@code commitBufferKb} unsaved (benchmarks). */
    public EmbeddedBackend(MVStore store, int commitBufferKb) {
        super(store);
        if (store.getAutoCommitMemory() > 0) {
            throw new IllegalArgumentException("the MVStore commits on its own, in the middle of commands; open it with"
                    + " EmbeddedBackend.storeAt");
        }
        // H2 writes a commit's pages on threads of its own only while its background writer runs; it
        // runs here with a delay no run reaches, so that it never commits on its own (see commit()).
        store.setAutoCommitDelay(Integer.MAX_VALUE);
        this.commitBufferBytes = commitBufferKb * 1024;
        this.committer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "embedded-store-commit");
            t.setDaemon(true);
            return t;
        });
        committer.scheduleWithFixedDelay(this::commitInBackground, COMMIT_EVERY_MS, COMMIT_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * The product's settings for its data file; {@code open()} it, or adjust the cache first
     * (benchmarks). The MVStore's own commits are off: this backend commits between commands. The
     * file goes through H2's retry-on-interrupt layer: commands and commits run on the product's own
     * threads, and an interrupt landing in the middle of a file write (a shutdown's
     * {@code shutdownNow}) closed the channel, and with it the store, for every thread.
     */
    public static MVStore.Builder storeAt(Path file) {
        return storeNamed("retry:" + file);
    }

    /** {@link #storeAt} for a file named as H2 names files (a scheme, then the path): tests. */
    static MVStore.Builder storeNamed(String fileName) {
        return new MVStore.Builder().fileName(fileName).cacheSize(CACHE_MB).autoCommitDisabled().autoCommitBufferSize(0);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if ("insert".equals(command) && query.get(command) instanceof String collection && collection.endsWith(".chunks")
                && query.get("documents") instanceof List<?> chunks) {
            long version = getMvStore().getCurrentVersion();
            if (version != chunksVersion) {
                chunksVersion = version;
                chunkBytes.set(0);
            }
            chunkBytes.addAndGet(chunks.stream().mapToLong(DocumentSize::estimate).sum());
        }
        return command(() -> super.handleCommand(channel, databaseName, command, query));
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        return command(() -> super.handleMessage(message));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return command(() -> super.handleQuery(query));
    }

    private <T> T command(Supplier<T> command) {
        commandsRun.incrementAndGet();
        commands.readLock().lock();
        T result;
        try {
            result = command.get();
        } finally {
            commands.readLock().unlock();
        }
        // A command can run another inside it (a message runs its command): commit after the outer one only.
        if (commands.getReadHoldCount() > 0) {
            return result;
        }
        if (commitBeforeReplying && getMvStore().hasUnsavedChanges()) {
            commitGrouped();
        } else if (commitBufferBytes > 0 && (getMvStore().getUnsavedMemory() > commitBufferBytes || chunksPastBuffer())) {
            snapshot();
        }
        return result;
    }

    /** More than {@link #CHUNKS_COMMIT_BUFFER_KB} of file chunks written since the last commit. */
    private boolean chunksPastBuffer() {
        return chunksVersion == getMvStore().getCurrentVersion() && chunkBytes.get() > CHUNKS_COMMIT_BUFFER_KB * 1024L;
    }

    /** Every write runs in this backend: from this process, and from others over the wire. */
    @Override
    public boolean complete() {
        return true;
    }

    @Override
    public void listen(String database, String collection, Consumer<Object> changed) {
        listeners.computeIfAbsent(database + "." + collection, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(changed);
    }

    /** A write changed the document with this stored id (the server's form) of the collection (null: any of them). */
    void tell(String fullName, Object id) {
        java.util.Map<String, List<Consumer<Object>>> all = listeners;
        List<Consumer<Object>> those = all == null ? null : all.get(fullName);
        if (those != null) {
            // The driver's form of an ObjectId, as the store's callers know their ids.
            Object told = id instanceof de.bwaldvogel.mongo.bson.ObjectId o ? new org.bson.types.ObjectId(o.toByteArray()) : id;
            for (Consumer<Object> listener : those) {
                listener.accept(told);
            }
        }
    }

    /**
     * Runs one command (its name is the document's first key) in this process, through the same
     * handler a command from the wire reaches, without the driver, the wire encoding or a socket. The
     * handler keeps a little state per connection (the last write's outcome, for the legacy
     * {@code getLastError}); a command here borrows a connection of its own from a pool, as many as
     * ever ran at once. What the handler refuses is thrown as its {@code MongoServerException}.
     */
    public Document run(String databaseName, Document command) {
        Channel channel = idleChannels.poll();
        if (channel == null) {
            channel = new io.netty.channel.embedded.EmbeddedChannel();
        }
        try {
            return handleCommand(channel, databaseName, command.keySet().iterator().next(), command);
        } finally {
            idleChannels.offer(channel);
        }
    }

    /**
     * A BSON document as this server's decoder reads it from the wire. Read big-endian, as from a
     * socket: wrapped as it comes, a little-endian buffer (the driver's) would have the decoder read a
     * UUID's two halves byte-swapped (its other reads name their order).
     */
    public static Document decode(java.nio.ByteBuffer bson) {
        return de.bwaldvogel.mongo.wire.bson.BsonDecoder.decodeBson(io.netty.buffer.Unpooled.wrappedBuffer(
                bson.duplicate().order(java.nio.ByteOrder.BIG_ENDIAN)));
    }

    /**
     * For a store other processes write to over the wire ({@code genjin store}): every command that
     * changed something is committed before its answer goes back, so an acknowledged write survives a
     * kill of the store process, as an in-process caller gets from {@code Durability.flush()}. The
     * commits are grouped: one covers every write answered while it waited.
     */
    public void commitBeforeReplying() {
        this.commitBeforeReplying = true;
    }

    private void commitGrouped() {
        long ticket = writesAnswered.incrementAndGet();
        synchronized (groupCommit) {
            if (committedUpTo >= ticket) {
                return;
            }
            long upTo = writesAnswered.get();
            commitDurably();
            committedUpTo = upTo;
        }
    }

    /**
     * Commits as {@link #commit()} does, then has the operating system put the file on the disk (an
     * fsync), for writes about to be acknowledged: a commit alone is in the file, which survives a kill
     * of the process but not a crash of the machine or a power cut, since the system keeps what was
     * written in memory for a while. Commands go on while the commit is written and synced; the sync
     * covers this commit and whatever was written since. The periodic commits and those for a full
     * buffer do not sync: nothing was acknowledged on them.
     */
    public void commitDurably() {
        snapshot();
        written(FileStore::sync);
    }

    /**
     * Commits what the commands before it wrote, with none of them half done, and returns once it is in
     * the file. Only the commit's start holds commands up: under the commands' lock the store's version
     * moves on and the pages changed in it are handed to H2's serialization thread ({@link #snapshot});
     * the pages are then written while commands go on, each change of theirs copying the page it
     * changes into the next version (the MVStore's copy-on-write). Writing a commit once held every
     * command up until it was in the file: about a second of an import of 5,800 messages, with one
     * core idle (bench/import/run).
     */
    @Override
    public void commit() {
        snapshot();
        written(store -> {
        });
    }

    /**
     * The start of a commit, under the commands' lock: what the commands before it wrote is the
     * version H2's serialization thread writes; the rest of the commit runs there. A commit H2 could
     * not start that way (another store operation under way) is made here, whole.
     */
    private void snapshot() {
        commands.writeLock().lock();
        try {
            MVStore store = getMvStore();
            if (!store.isClosed() && store.tryCommit() < 0 && store.hasUnsavedChanges()) {
                store.commit();
            }
        } finally {
            commands.writeLock().unlock();
        }
    }

    /**
     * Waits until the commits started before it are in the file, then runs {@code then} on the file
     * before any later commit is written (H2's serialization threads take their work in order). A
     * commit whose writing failed on those threads throws here: H2 keeps its error (the store's
     * "panic") rather than throwing it to anyone, and a caller about to acknowledge writes must not
     * take the wait for success.
     */
    private void written(Consumer<FileStore<?>> then) {
        MVStore store = getMvStore();
        try {
            if (!store.isClosed()) {
                FileStore<?> file = store.getFileStore();
                file.executeFileStoreOperation(() -> then.accept(file));
            }
        } catch (org.h2.mvstore.MVStoreException e) {
            // Closed meanwhile by a close, which committed the rest: nothing is left to sync.
            if (!store.isClosed()) {
                closeIfFailed(store);
                throw e;
            }
        }
        closeIfFailed(store);
    }

    /**
     * A store whose commit failed on H2's own threads is closed, as a commit failing on the caller's
     * thread closes it, and the failure is thrown. (Left open, its close would not return: H2 closes a
     * failed store from inside the commit that close itself makes.)
     */
    private static void closeIfFailed(MVStore store) {
        org.h2.mvstore.MVStoreException failed = store.getPanicException();
        if (failed != null) {
            store.closeImmediately();
            throw failed;
        }
    }

    private void commitInBackground() {
        try {
            MVStore store = getMvStore();
            if (store.isClosed()) {
                return;
            }
            long run = commandsRun.get();
            boolean busy = run != commandsAtLastTick;
            commandsAtLastTick = run;
            if (store.hasUnsavedChanges()) {
                commit();
            }
            // Rewriting chunks waits for the commits being written: they are, before the lock is taken.
            boolean rewrote;
            commands.writeLock().lock();
            try {
                rewrote = !store.isClosed() && store.compact(busy ? BUSY_FILL_RATE : TARGET_FILL_RATE,
                        commitBufferBytes > 0 ? commitBufferBytes : COMMIT_BUFFER_KB * 1024);
            } finally {
                commands.writeLock().unlock();
            }
            if (rewrote) {
                snapshot();
            }
        } catch (RuntimeException e) {
            // The next command's or tick's commit tries again; a broken file shows there.
            org.slf4j.LoggerFactory.getLogger(EmbeddedBackend.class).warn("commit of the embedded store failed", e);
        }
    }

    @Override
    public void close() {
        // Not shutdownNow(): an interrupt during a background commit closes the file channel under H2
        // (ClosedByInterruptException), and the final commit of close() could then not be written.
        committer.shutdown();
        try {
            if (!committer.awaitTermination(1, TimeUnit.MINUTES)) {
                org.slf4j.LoggerFactory.getLogger(EmbeddedBackend.class).warn("a background commit still runs at close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commands.writeLock().lock();
        try {
            closeIfFailed(getMvStore());
            super.close();
        } finally {
            commands.writeLock().unlock();
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    /**
     * A collection whose queries hand out copies of its stored documents, never the instances the
     * MVStore keeps. mongo-java-server updates a document by changing the instance its query found,
     * in place, and encodes a query's answer after the collection's lock is released: a reader
     * encoding a stored instance while an update added a field to it failed ("Failed to encode", the
     * connection closed), and could send a half-updated document. With copies, an update changes its
     * own copy and puts that back, so a stored instance never changes once a reader may hold it. A
     * top-level copy is enough: an update builds anew the nested values it changes.
     *
     * <p>It keeps no data size (the {@code size} that {@code collStats} and {@code dbStats} report):
     * keeping it encoded every inserted or deleted document once more, every updated one twice (before
     * and after), and wrote the collection's metadata at each write, about a tenth of what a store
     * write costs; nothing in the product reads it. The data file's size is what the store occupies.
     */
    static final class Collection extends H2Collection {
        private final EmbeddedBackend backend;

        Collection(EmbeddedBackend backend, MongoDatabase database, String name, CollectionOptions options,
                MVMap<Object, Document> documents, MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, documents, meta, cursors);
            this.backend = backend;
        }

        // Every write of a document ends in one of these three (the stock insert, update, delete, upsert
        // and findAndModify, and this class's own updates by _id); in H2 a document's position is its _id.
        @Override
        protected Object addDocumentInternal(Document document) {
            Object position = super.addDocumentInternal(document);
            backend.tell(getFullName(), position);
            return position;
        }

        @Override
        protected void handleUpdate(Object position, Document before, Document after) {
            super.handleUpdate(position, before, after);
            backend.tell(getFullName(), position);
        }

        @Override
        protected void removeDocument(Object position) {
            super.removeDocument(position);
            backend.tell(getFullName(), position);
        }

        @Override
        public synchronized void drop() {
            super.drop();
            backend.tell(getFullName(), null);
        }

        @Override
        public synchronized void renameTo(MongoDatabase database, String newName) {
            String before = getFullName();
            super.renameTo(database, newName);
            backend.tell(before, null);
            backend.tell(getFullName(), null);
        }

        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        private final InList inList = new InList();

        /** A filter of one field against an {@code $in} list of one type by a set ({@link InList}), else the stock matcher. */
        @Override
        protected boolean documentMatchesQuery(Document document, Document query) {
            Boolean in = inList.matches(document, query);
            return in != null ? in : super.documentMatchesQuery(document, query);
        }

        /**
         * A replacement ({@link ReplaceById}) or a {@code $set} ({@link SetById}) of one document by its
         * {@code _id} without the stock update's copies.
         */
        @Override
        public synchronized Document updateDocuments(Document selector, Document updateQuery, ArrayFilters arrayFilters,
                boolean isMulti, boolean isUpsert, Oplog oplog) {
            Document answer = null;
            if (arrayFilters.isEmpty()) {
                // A filter on one _id matches one document at most, so "multi" (Spring's bulk upsert sends it) changes
                // nothing for a $set; a replacement with it is refused, which is the stock update's to say.
                answer = isMulti ? null : ReplaceById.apply(byId, selector, updateQuery);
                if (answer == null) {
                    answer = SetById.apply(byId, selector, updateQuery);
                }
            }
            if (answer == null) {
                return super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog);
            }
            oplog.handleUpdate(getFullName(), selector, updateQuery,
                    ((Number) answer.get("nModified")).intValue() > 0 ? List.of(selector.get("_id")) : List.of());
            return answer;
        }

        private final ReplaceById.Store byId = new ReplaceById.Store() {
            @Override
            public List<Index<Object>> indexes() {
                return getIndexes();
            }

            @Override
            public Document stored(Object position) {
                return getDocument(position);
            }

            @Override
            public boolean matches(Document document, Document filter) {
                return documentMatchesQuery(document, filter);
            }

            @Override
            public void write(Object position, Document before, Document after) {
                handleUpdate(position, before, after);
            }

            @Override
            public MongoCollection<Object> collection() {
                return Collection.this;
            }
        };

        @Override
        protected QueryResult createQueryResult(List<Document> matched, int batchSize) {
            List<Document> copies = new java.util.ArrayList<>(matched.size());
            for (Document document : matched) {
                copies.add(new Document(document));
            }
            return super.createQueryResult(copies, batchSize);
        }
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

        MongoCollection<Object> collection(String collectionName) {
            return resolveOrCreateCollection(collectionName);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String name = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> documents = getMvStore().openMap(DATA_PREFIX + name,
                    new MVMap.Builder<Object, Document>().keyType(new StoredType()).valueType(new StoredType()));
            return new Collection(EmbeddedBackend.this, this, collectionName, options, documents,
                    getMvStore().openMap(META_PREFIX + name), getCursorRegistry());
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
