package io.genjin.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.GridFSUploadStream;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's backend, through the MongoDB driver, over a real file closed and reopened. */
class EmbeddedBackendTest {
    @TempDir
    Path dir;

    @Test
    void documentsOfEveryKindReadBackUnchangedAfterReopen() {
        byte[] attachment = new byte[300_000];
        new Random(7).nextBytes(attachment);
        Document written = new Document("_id", new ObjectId())
                .append("subject", "报价单 — quotation")
                .append("int", 42).append("long", 1L << 40).append("double", 0.25)
                .append("yes", true).append("nothing", null)
                .append("at", new Date(1_780_000_000_000L))
                .append("amount", Decimal128.parse("1234.50"))
                .append("bytes", new Binary(attachment))
                .append("uuid", new Binary(BsonBinarySubType.UUID_STANDARD, new byte[16]))
                .append("contact", new Document("name", "Ana").append("tags", List.of("buyer", "eu")))
                .append("steps", List.of(new Document("n", 1), new Document("n", 2L)));
        try (Store store = Store.open(dir, EmbeddedBackend::new)) {
            store.collection().insertOne(written);
            assertThat(store.backend.getMvStore().openMap("databases.genjin.things").getValueType())
                    .isInstanceOf(StoredType.class);
        }
        try (Store store = Store.open(dir, EmbeddedBackend::new)) {
            assertThat(store.collection().find().first()).isEqualTo(written);
        }
    }

    /**
     * An insert run in this process ({@link EmbeddedBackend#run}, no driver, no socket), the document
     * decoded from BSON as the wire decodes it; the answer is the command's ({@code writeErrors} for
     * a refused document).
     */
    private static de.bwaldvogel.mongo.bson.Document insertInProcess(EmbeddedBackend backend, String collection, Document document) {
        return backend.run("genjin", new de.bwaldvogel.mongo.bson.Document("insert", collection).append("documents",
                List.of(EmbeddedBackend.decode(new org.bson.RawBsonDocument(document, new org.bson.codecs.DocumentCodec())
                        .getByteBuffer().asNIO()))));
    }

    /**
     * The in-process path (the app's frequent commands, the hit journal's groups among them): a
     * document handed to the backend in-process reads back through the driver exactly as one inserted
     * through it, its unique keys hold, and after a commit it survives a kill.
     */
    @Test
    void aDocumentInsertedInProcessIsStoredAsOneInsertedThroughTheDriver() {
        Document written = new Document("_id", "j0001")
                .append("owner", "p1").append("at", new Date(1_780_000_000_000L))
                .append("hits", List.of(new Document("kind", "o").append("token", "t.0.k1.mac").append("ip", "192.0.2.7")
                        .append("ua", null).append("head", false).append("n", 3).append("big", 1L << 40)))
                .append("uuid", new org.bson.types.Binary(org.bson.BsonBinarySubType.UUID_STANDARD,
                        new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}));
        Store store = Store.open(dir, EmbeddedBackend::new);
        MongoCollection<Document> things = store.collection();
        things.createIndex(Indexes.ascending("owner", "at"), new IndexOptions().unique(true));
        EmbeddedBackend backend = (EmbeddedBackend) store.backend;
        assertThat(insertInProcess(backend, "things", written)).doesNotContainKey("writeErrors");
        things.insertOne(new Document(written).append("_id", "j0002").append("owner", "p2"));
        assertThat(things.find(Filters.eq("_id", "j0001")).first()).isEqualTo(written);
        assertThat(things.find(Filters.eq("owner", "p2")).first()).isEqualTo(new Document(written).append("_id", "j0002")
                .append("owner", "p2"));
        de.bwaldvogel.mongo.bson.Document refused = insertInProcess(backend, "things", new Document(written).append("_id", "j0003"));
        assertThat(String.valueOf(refused.get("writeErrors"))).as("refused by the unique index")
                .contains("11000").contains("duplicate key");
        insertInProcess(backend, "fresh", written);
        backend.commit();
        backend.getMvStore().closeImmediately();
        store.close();
        try (Store reopened = Store.open(dir, EmbeddedBackend::new)) {
            assertThat(reopened.collection().countDocuments()).isEqualTo(2);
            assertThat(reopened.collection().find(Filters.eq("_id", "j0001")).first()).isEqualTo(written);
            assertThat(reopened.client().getDatabase("genjin").getCollection("fresh").find().first()).isEqualTo(written);
        }
    }

    /**
     * A query's answer is encoded after the collection's lock is released. It must hold documents no
     * later update changes: once, during an import, the search index's read of 256 messages met the
     * "events published" marks adding a field to the same instances, the encoder failed and the
     * connection closed. Here the answer is taken in-process, as the server takes it before encoding.
     */
    @Test
    void aQueryAnswerKeepsTheDocumentsAsTheyWereWhenLaterUpdatesChangeThem() {
        try (Store store = Store.open(dir, EmbeddedBackend::new)) {
            MongoCollection<Document> things = store.collection();
            things.insertMany(List.of(new Document("_id", 1).append("tags", List.of("a")), new Document("_id", 2)));
            EmbeddedBackend backend = (EmbeddedBackend) store.backend;
            de.bwaldvogel.mongo.bson.Document answer = backend.handleCommand(new io.netty.channel.embedded.EmbeddedChannel(), "genjin", "find",
                    new de.bwaldvogel.mongo.bson.Document("find", "things"));
            @SuppressWarnings("unchecked")
            List<de.bwaldvogel.mongo.bson.Document> held = (List<de.bwaldvogel.mongo.bson.Document>)
                    ((de.bwaldvogel.mongo.bson.Document) answer.get("cursor")).get("firstBatch");
            String before = held.toString();

            things.updateMany(Filters.exists("_id"), Updates.combine(Updates.set("published", true),
                    Updates.addToSet("tags", "b")));
            things.findOneAndUpdate(Filters.eq("_id", 2), Updates.unset("missing"));
            things.updateOne(Filters.eq("_id", 1), Updates.unset("tags"));

            assertThat(held).hasToString(before);
            assertThat(things.find(Filters.eq("_id", 2)).first()).isEqualTo(new Document("_id", 2).append("published", true)
                    .append("tags", List.of("b")));
            assertThat(things.find(Filters.eq("_id", 1)).first()).isEqualTo(new Document("_id", 1).append("published", true));
        }
        try (Store reopened = Store.open(dir, EmbeddedBackend::new)) {
            assertThat(reopened.collection().find().into(new ArrayList<>())).containsExactly(
                    new Document("_id", 1).append("published", true),
                    new Document("_id", 2).append("published", true).append("tags", List.of("b")));
        }
    }

    /**
     * The product's own threads run commands and commits in-process. An interrupt (a shutdown's
     * {@code shutdownNow}) that lands while one of them writes the file must not close the file for
     * every other thread: the file is opened through H2's retry-on-interrupt layer.
     */
    @Test
    void anInterruptedWriterLeavesTheFileUsableForEveryoneElse() throws Exception {
        Document written = new Document("_id", "j1").append("n", 1);
        EmbeddedBackend backend = new EmbeddedBackend(EmbeddedBackend.storeAt(dir.resolve("genjin.mv")).open());
        Thread interrupted = new Thread(() -> {
            Thread.currentThread().interrupt();
            insertInProcess(backend, "things", written);
            backend.commit();
        });
        interrupted.start();
        interrupted.join();
        insertInProcess(backend, "things", new Document("_id", "j2"));
        backend.commit();
        backend.close();
        try (Store reopened = Store.open(dir, EmbeddedBackend::new)) {
            assertThat(reopened.collection().countDocuments()).isEqualTo(2);
        }
    }

    /**
     * A large file's chunks (an attachment through GridFS, as the product writes one) are committed
     * about every megabyte, not left unsaved in the heap until the 16 MB buffer fills; and the file
     * reads back whole.
     */
    @Test
    void aLargeFilesChunksAreCommittedEveryMegabyteOrSo() throws IOException {
        byte[] block = new byte[255 * 1024];
        new Random(3).nextBytes(block);
        try (Store store = Store.open(dir, EmbeddedBackend::new)) {
            MVStore mv = store.backend().getMvStore();
            GridFSBucket bucket = GridFSBuckets.create(store.client().getDatabase("genjin"), "attachments");
            long mostUnsaved = 0;
            try (GridFSUploadStream upload = bucket.openUploadStream("big.bin")) {
                for (int i = 0; i < 48; i++) {   // 12 MB, below the ordinary buffer
                    upload.write(block);
                    mostUnsaved = Math.max(mostUnsaved, mv.getUnsavedMemory());
                }
            }
            // a megabyte of chunks, and the pages around them, at most; 12 MB without the rule
            assertThat(mostUnsaved).isLessThan(4L * EmbeddedBackend.CHUNKS_COMMIT_BUFFER_KB * 1024);
            byte[] read = bucket.openDownloadStream("big.bin").readAllBytes();
            assertThat(read).hasSize(48 * block.length);
            assertThat(Arrays.copyOfRange(read, 47 * block.length, 48 * block.length)).isEqualTo(block);
        }
    }

    @Test
    void uniqueIndexesRejectDuplicatesAndFindByKeyBeforeAndAfterReopen() {
        try (Store store = Store.open(dir, EmbeddedBackend::new)) {
            MongoCollection<Document> things = store.collection();
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            things.createIndex(Indexes.ascending("owner", "day"), new IndexOptions().unique(true));
            for (int i = 0; i < 2_000; i++) {
                things.insertOne(new Document("key", key(i)).append("owner", "rep-" + (i % 7)).append("day", i / 7));
            }
            assertKeysHold(things);
        }
        try (Store store = Store.open(dir, EmbeddedBackend::new)) {
            assertKeysHold(store.collection());
        }
    }

    /**
     * A query naming the first keys of a compound unique index with plain values (a GridFS read:
     * {@code {files_id: x, n: {$gte: 0}}}) is served by the index, and answers exactly what a scan
     * answers, before and after reopening the file.
     */
    @Test
    void aQueryOnTheFirstKeysOfACompoundIndexIsServedByItAndAnswersAsAScan() {
        List<Document> all = new ArrayList<>();
        try (Store store = Store.open(dir, EmbeddedBackend::new)) {
            MongoCollection<Document> chunks = store.collection();
            chunks.createIndex(Indexes.ascending("files_id", "n"), new IndexOptions().unique(true));
            for (int i = 0; i < 600; i++) {
                Document chunk = new Document("_id", new ObjectId()).append("files_id", key(i % 12)).append("n", i / 12)
                        .append("data", new Binary(new byte[] {(byte) i}));
                chunks.insertOne(chunk);
                all.add(chunk);
            }
            assertPrefixQueries(chunks, all);
        }
        try (Store store = Store.open(dir, EmbeddedBackend::new)) {
            assertPrefixQueries(store.collection(), all);
            // A list in the later key: one index key per element, the document answered once.
            MongoCollection<Document> tags = store.client.getDatabase("genjin").getCollection("tags");
            tags.createIndex(Indexes.ascending("owner", "tags"), new IndexOptions().unique(true));
            tags.insertOne(new Document("_id", "t1").append("owner", "rep-1").append("tags", List.of("a", "b", "c")));
            tags.insertOne(new Document("_id", "t2").append("owner", "rep-2").append("tags", List.of("a")));
            assertThat(tags.find(Filters.eq("owner", "rep-1")).into(new ArrayList<>())).extracting(d -> d.get("_id"))
                    .containsExactly("t1");
        }
        UniqueIndex index = new UniqueIndex(MVStore.open(null).openMap("chunks", new MVMap.Builder<Object, Object>()
                .keyType(new IndexKeyType()).valueType(new StoredType())), "files_id_1_n_1",
                List.of(new de.bwaldvogel.mongo.backend.IndexKey("files_id", true), new de.bwaldvogel.mongo.backend.IndexKey("n", true)),
                false);
        de.bwaldvogel.mongo.bson.Document fromChunk = new de.bwaldvogel.mongo.bson.Document("files_id", "f1");
        fromChunk.put("n", new de.bwaldvogel.mongo.bson.Document("$gte", 2));
        assertThat(index.canHandle(fromChunk)).as("served by the index, not a scan").isTrue();
        assertThat(index.canHandle(new de.bwaldvogel.mongo.bson.Document("files_id", "f1"))).isTrue();
        assertThat(index.canHandle(new de.bwaldvogel.mongo.bson.Document("n", 2))).as("not its first key").isFalse();
        assertThat(index.canHandle(new de.bwaldvogel.mongo.bson.Document("files_id",
                new de.bwaldvogel.mongo.bson.Document("$in", List.of("f1", "f2"))))).as("any of a list on the first key").isTrue();
        assertThat(index.canHandle(new de.bwaldvogel.mongo.bson.Document("files_id",
                new de.bwaldvogel.mongo.bson.Document("$in", java.util.Arrays.asList("f1", null))))).as("a null in the list: a scan").isFalse();
        assertThat(index.canHandle(new de.bwaldvogel.mongo.bson.Document("files_id",
                new de.bwaldvogel.mongo.bson.Document("$gt", "f1")))).as("a range on the first key").isFalse();
    }

    private static void assertPrefixQueries(MongoCollection<Document> chunks, List<Document> all) {
        for (int f : new int[] {0, 1, 2, 3, 11}) {
            Object file = key(f);
            List<Document> expected = all.stream().filter(c -> c.get("files_id").equals(file) && c.getInteger("n") >= 20).toList();
            assertThat(chunks.find(Filters.and(Filters.eq("files_id", file), Filters.gte("n", 20))).sort(Indexes.ascending("n"))
                    .into(new ArrayList<>())).as("file %s from chunk 20", file).hasSize(30).containsExactlyElementsOf(expected);
            assertThat(chunks.countDocuments(Filters.eq("files_id", file))).isEqualTo(50);
        }
        assertThat(chunks.find(Filters.eq("files_id", "no such file")).into(new ArrayList<>())).isEmpty();
        // Any of a list on the first key (the quotations of some days): each value's keys, the rest applied.
        List<Object> files = List.of(key(3), key(0), "no such file", key(11));
        List<Document> expected = all.stream().filter(c -> files.contains(c.get("files_id")) && c.getInteger("n") >= 42).toList();
        assertThat(chunks.find(Filters.and(Filters.in("files_id", files), Filters.gte("n", 42))).into(new ArrayList<>()))
                .hasSize(24).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(chunks.countDocuments(Filters.in("files_id", files))).isEqualTo(150);
    }

    /**
     * A look-up of candidates by id beside other conditions ({@code {_id: {$in: [...]}, addresses: x,
     * mergedInto: null}}, how a contact is found by address) is served by the id index, and answers
     * exactly what a scan answers: ids of mixed kinds, numbers of either width, ids not there, the
     * other conditions applied, the order asked for kept.
     */
    @Test
    void anInOnTheIdBesideOtherConditionsIsServedByTheIdIndexAndAnswersAsAScan() {
        List<Document> all = new ArrayList<>();
        try (Store store = Store.open(dir, EmbeddedBackend::new)) {
            MongoCollection<Document> things = store.collection();
            for (int i = 0; i < 300; i++) {
                Document thing = new Document("_id", key(i)).append("tag", "t" + i % 3).append("n", 300 - i);
                things.insertOne(thing);
                all.add(thing);
            }
            // 2 and 6 are stored as ints and asked for as longs.
            List<Object> wanted = List.of(key(0), key(1), 2L, key(3), 6L, key(7), key(8), "no such id");
            for (String tag : List.of("t0", "t1", "t2")) {
                List<Document> expected = all.stream()
                        .filter(d -> d.get("tag").equals(tag) && wanted.stream().anyMatch(w -> sameId(w, d.get("_id"))))
                        .sorted(java.util.Comparator.comparing(d -> d.getInteger("n"))).toList();
                assertThat(things.find(Filters.and(Filters.in("_id", wanted), Filters.eq("tag", tag))).sort(Indexes.ascending("n"))
                        .into(new ArrayList<>())).as("tag %s", tag).isNotEmpty().containsExactlyElementsOf(expected);
            }
            assertThat(things.find(Filters.and(Filters.in("_id", List.of("no such id")), Filters.eq("tag", "t0")))).isEmpty();
            assertThat(things.countDocuments(Filters.and(Filters.in("_id", wanted), Filters.exists("tag")))).isEqualTo(7);
        }
        UniqueIndex id = new UniqueIndex(MVStore.open(null).openMap("ids"), "_id_",
                List.of(new de.bwaldvogel.mongo.backend.IndexKey("_id", true)), false);
        de.bwaldvogel.mongo.bson.Document candidates = new de.bwaldvogel.mongo.bson.Document("_id",
                new de.bwaldvogel.mongo.bson.Document("$in", List.of("c1", "c2")));
        candidates.put("addresses", "a@example.com");
        candidates.put("mergedInto", null);
        assertThat(id.canHandle(candidates)).as("served by the index, not a scan").isTrue();
        de.bwaldvogel.mongo.bson.Document withNull = new de.bwaldvogel.mongo.bson.Document("_id",
                new de.bwaldvogel.mongo.bson.Document("$in", java.util.Arrays.asList("c1", null)));
        withNull.put("tag", "t0");
        assertThat(id.canHandle(withNull)).as("a null in the list matches a missing key: a scan").isFalse();
    }

    private static boolean sameId(Object wanted, Object stored) {
        return wanted instanceof Number w && stored instanceof Number s ? w.longValue() == s.longValue() && w.doubleValue() == s.doubleValue()
                : wanted.equals(stored);
    }

    @Test
    void aVersionedUpdateByIdIsServedByTheIdIndexAndStillChecksTheVersion() {
        try (Store store = Store.open(dir, EmbeddedBackend::new)) {
            MongoCollection<Document> things = store.collection();
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            for (int i = 0; i < 500; i++) {
                things.insertOne(new Document("_id", "c" + i).append("key", key(i)).append("version", 3L).append("n", i));
            }
            // What Spring Data sends to save a record with a version: _id and the version it read.
            assertThat(things.updateOne(Filters.and(Filters.eq("_id", "c7"), Filters.eq("version", 2L)),
                    Updates.set("n", -1)).getMatchedCount()).as("a stale version").isZero();
            assertThat(things.updateOne(Filters.and(Filters.eq("_id", "c7"), Filters.eq("version", 3)),
                    Updates.combine(Updates.set("n", -1), Updates.inc("version", 1))).getModifiedCount())
                    .as("the version read, as an int").isEqualTo(1);
            assertThat(things.find(Filters.eq("_id", "c7")).first()).extracting(d -> d.get("n"), d -> d.get("version"))
                    .containsExactly(-1, 4L);
            assertThat(things.find(Filters.and(Filters.eq("key", key(9)), Filters.eq("n", 9))).first())
                    .extracting(d -> d.get("_id")).isEqualTo("c9");
            assertThat(things.find(Filters.and(Filters.eq("_id", "c9"), Filters.gt("n", 100)))).isEmpty();
            assertThat(things.find(Filters.and(Filters.eq("_id", "missing"), Filters.eq("version", 3L)))).isEmpty();
        }
        UniqueIndex id = new UniqueIndex(MVStore.open(null).openMap("ids"), "_id_",
                List.of(new de.bwaldvogel.mongo.backend.IndexKey("_id", true)), false);
        de.bwaldvogel.mongo.bson.Document byIdAndVersion = new de.bwaldvogel.mongo.bson.Document("_id", "c7");
        byIdAndVersion.put("version", 3L);
        assertThat(id.canHandle(byIdAndVersion)).as("served by the index, not a scan").isTrue();
        // A customer's contact time, set only while the stored one is older (Companies.touchContact).
        de.bwaldvogel.mongo.bson.Document byIdWhileOlder = new de.bwaldvogel.mongo.bson.Document("_id", "c7");
        byIdWhileOlder.put("$or", List.of(new de.bwaldvogel.mongo.bson.Document("lastInboundAt",
                new de.bwaldvogel.mongo.bson.Document("$lt", new java.util.Date())),
                new de.bwaldvogel.mongo.bson.Document("lastInboundAt", null)));
        assertThat(id.canHandle(byIdWhileOlder)).as("served by the index, not a scan").isTrue();
        de.bwaldvogel.mongo.bson.Document byOperator = new de.bwaldvogel.mongo.bson.Document("_id",
                new de.bwaldvogel.mongo.bson.Document("$gt", "c7"));
        byOperator.put("version", 3L);
        assertThat(id.canHandle(byOperator)).as("a range on the key is left to the scan").isFalse();
        assertThat(id.canHandle(new de.bwaldvogel.mongo.bson.Document("version", 3L))).isFalse();
    }

    /** Mixed kinds on purpose: each kind is ordered its own way, and kinds against each other by name. */
    private static Object key(int i) {
        return switch (i % 4) {
            case 0 -> "dedupe:" + i;
            case 1 -> (long) i;
            case 2 -> i;
            default -> new ObjectId(new Date(1_700_000_000_000L + i * 1000L), i);
        };
    }

    private static void assertKeysHold(MongoCollection<Document> things) {
        for (int i : new int[] {0, 1, 2, 3, 997, 1_998, 1_999}) {
            assertThat(things.find(Filters.eq("key", key(i))).first()).as("key %s", key(i))
                    .isNotNull().extracting(d -> d.get("day")).isEqualTo(i / 7);
            Object duplicate = key(i);
            assertThatThrownBy(() -> things.insertOne(new Document("key", duplicate)))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");
        }
        assertThatThrownBy(() -> things.insertOne(new Document("key", "fresh").append("owner", "rep-3").append("day", 10)))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");
        assertThat(things.find(Filters.eq("key", "dedupe:1"))).isEmpty();
        assertThat(things.countDocuments()).isEqualTo(2_000);
    }

    @Test
    void aFileWrittenByTheStockBackendOpensWithItsDocumentsAndIndexes() {
        try (Store store = Store.open(dir, H2Backend::new)) {
            store.collection().createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            for (int i = 0; i < 500; i++) {
                store.collection().insertOne(new Document("key", "k" + i).append("n", i));
            }
        }
        try (Store store = Store.open(dir, EmbeddedBackend::new)) {
            MongoCollection<Document> things = store.collection();
            assertThat(store.backend.getMvStore().getMapNames()).noneMatch(name -> name.contains("._index_"));
            assertThat(things.countDocuments()).isEqualTo(500);
            assertThat(things.find(Filters.eq("key", "k321")).first().getInteger("n")).isEqualTo(321);
            assertThatThrownBy(() -> things.insertOne(new Document("key", "k5")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");
            things.updateOne(Filters.eq("key", "k5"), Updates.set("n", -5));
        }
        try (Store store = Store.open(dir, EmbeddedBackend::new)) {
            assertThat(store.collection().find(Filters.eq("key", "k5")).first().getInteger("n")).isEqualTo(-5);
            assertThat(store.collection().find(Filters.eq("key", "k6")).first().getInteger("n")).isEqualTo(6);
        }
    }

    @Test
    void aDroppedCollectionOrIndexLeavesNoKeysBehind() {
        try (Store store = Store.open(dir, EmbeddedBackend::new)) {
            MongoCollection<Document> things = store.collection();
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            things.insertOne(new Document("key", "k1"));
            things.drop();
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            things.insertOne(new Document("key", "k1"));
            things.dropIndex("key_1");
            things.insertOne(new Document("key", "k2"));
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            things.insertOne(new Document("key", "k3"));
            assertThatThrownBy(() -> things.insertOne(new Document("key", "k2")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");
            store.client.getDatabase("genjin").drop();
            store.collection().createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            store.collection().insertOne(new Document("key", "k1"));
            assertThat(store.collection().countDocuments()).isEqualTo(1);
        }
    }

    /**
     * A document's page, and its index keys' pages, are written again at later commits as neighbours
     * arrive, while documents are updated, replaced and deleted in between, each kind of update
     * included: after a reopen every document reads back as last stored, in a scan and through the index.
     */
    @Test
    void documentsOfManySizesWrittenInOneCommitReadBackWhole() {
        List<Document> written = new ArrayList<>();
        try (Store store = Store.open(dir, EmbeddedBackend::new)) {
            MongoCollection<Document> things = store.collection();
            // A value larger than the encoding buffer a thread keeps, then small ones after it, then one in between.
            for (int size : new int[] {2_000_000, 10, 0, 40_000, 3, 300_000, 1}) {
                Document d = new Document("_id", "size-" + size + "-" + written.size()).append("text", "报价".repeat(size / 2))
                        .append("n", size);
                things.insertOne(d);
                written.add(d);
            }
        }
        try (Store store = Store.open(dir, EmbeddedBackend::new)) {
            for (Document d : written) {
                assertThat(store.collection().find(Filters.eq("_id", d.get("_id"))).first()).isEqualTo(d);
            }
        }
    }

    @Test
    void documentsWrittenAgainAtLaterCommitsReadBackAsLastStored() {
        java.util.Map<Object, Document> expected = new java.util.LinkedHashMap<>();
        Random random = new Random(7);
        try (Store store = Store.open(dir, EmbeddedBackend::new)) {
            EmbeddedBackend backend = (EmbeddedBackend) store.backend;
            MongoCollection<Document> things = store.collection();
            for (int i = 0; i < 400; i++) {
                Document d = new Document("_id", i).append("n", i).append("text", "message " + i + " " + "x".repeat(i % 50))
                        .append("nested", new Document("at", new Date(1_700_000_000_000L + i)).append("tags", List.of("a", "b")));
                things.insertOne(d);
                expected.put(i, d);
                if (i > 10 && random.nextInt(3) == 0) {
                    int id = random.nextInt(i);
                    if (expected.containsKey(id)) {
                        switch (random.nextInt(4)) {
                            case 0 -> things.updateOne(Filters.eq("_id", id), Updates.set("nested.at", new Date(id)));
                            case 1 -> things.replaceOne(Filters.eq("_id", id), new Document("n", -id));
                            case 2 -> things.updateMany(Filters.eq("_id", id), Updates.inc("n", 1000));
                            default -> things.deleteOne(Filters.eq("_id", id));
                        }
                        Document now = things.find(Filters.eq("_id", id)).first();
                        if (now == null) {
                            expected.remove(id);
                        } else {
                            expected.put(id, now);
                        }
                    }
                }
                if (i % 7 == 0) {
                    backend.commit();
                }
            }
        }
        try (Store store = Store.open(dir, EmbeddedBackend::new)) {
            List<Document> all = store.collection().find().sort(new Document("_id", 1)).into(new ArrayList<>());
            assertThat(all).containsExactlyElementsOf(expected.values().stream()
                    .sorted(java.util.Comparator.comparingInt(d -> d.getInteger("_id"))).toList());
            for (int id = 0; id < 400; id++) {   // through the _id index, whose keys' pages were written again too
                assertThat(store.collection().find(Filters.eq("_id", id)).first()).isEqualTo(expected.get(id));
            }
        }
    }

    /**
     * Every kind of write tells the collection's listeners the id of each document it added, changed or
     * removed, and a drop or rename tells null (any); a write that changed nothing, a read, or a write to
     * another collection tells them nothing. This is what lets a reader keep records between reads.
     */
    @Test
    void everyWriteTellsItsCollectionsListenersWhichDocumentChanged() {
        try (Store store = Store.open(dir, EmbeddedBackend::new)) {
            List<Object> told = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Object> toldOther = java.util.Collections.synchronizedList(new ArrayList<>());
            ((EmbeddedBackend) store.backend).listen("genjin", "things", id -> told.add(id == null ? "ALL" : id));
            ((EmbeddedBackend) store.backend).listen("genjin", "others", id -> toldOther.add(id == null ? "ALL" : id));
            MongoCollection<Document> things = store.collection();
            ObjectId a = new ObjectId();
            things.insertOne(new Document("_id", a).append("n", 1));
            things.insertMany(List.of(new Document("_id", "b").append("n", 2), new Document("_id", "c").append("n", 3)));
            assertThat(told).containsExactly(a, "b", "c");
            told.clear();

            things.find(Filters.eq("_id", a)).first();
            things.updateOne(Filters.eq("_id", "nobody"), Updates.set("n", 0));
            things.updateOne(Filters.and(Filters.eq("_id", a), Filters.lt("n", 0)), Updates.set("n", 0));
            assertThat(told).as("reads and writes that matched nothing").isEmpty();

            things.updateOne(Filters.eq("_id", a), Updates.set("n", 10));                    // a $set by _id
            things.replaceOne(Filters.eq("_id", "b"), new Document("n", 20));                // a replacement by _id
            assertThat(told).containsExactly(a, "b");
            told.clear();
            things.updateMany(Filters.gte("n", 3), Updates.inc("n", 1));                     // the stock update
            assertThat(told).containsExactlyInAnyOrder(a, "b", "c");
            told.clear();
            things.findOneAndUpdate(Filters.eq("_id", "c"), Updates.set("m", true));
            things.updateOne(Filters.eq("_id", "d"), Updates.set("n", 4), new com.mongodb.client.model.UpdateOptions().upsert(true));
            things.deleteOne(Filters.eq("_id", "b"));
            assertThat(told).containsExactly("c", "d", "b");
            told.clear();
            things.deleteMany(Filters.in("_id", List.of(a, "c")));
            assertThat(told).containsExactlyInAnyOrder(a, "c");
            told.clear();

            store.client.getDatabase("genjin").getCollection("others").insertOne(new Document("_id", "x"));
            assertThat(told).as("another collection's write").isEmpty();
            things.drop();
            things.insertOne(new Document("_id", "e"));
            store.client.getDatabase("genjin").drop();
            assertThat(told).containsExactly("ALL", "e", "ALL");
            assertThat(toldOther).containsExactly("x", "ALL");
        }
    }

    /**
     * The same random inserts, updates and deletes against the stock backend and this one: every
     * write is accepted or refused alike, and the collections end equal. The keys come from a small
     * pool of mixed kinds, arrays among them (one key per element), so duplicates are frequent.
     */
    @Test
    void writesAreAcceptedAndRefusedExactlyAsByTheStockBackend() {
        List<String> stock = replay(dir.resolve("stock"), H2Backend::new);
        List<String> ours = replay(dir.resolve("ours"), EmbeddedBackend::new);
        assertThat(ours).isEqualTo(stock);
        assertThat(ours).anyMatch(line -> line.contains("E11000")).anyMatch(line -> line.startsWith("ok"));
    }

    private static List<String> replay(Path dir, Function<MVStore, H2Backend> backend) {
        List<Object> pool = new ArrayList<>(Arrays.asList("a", "b", "", "报价", 1, 2, 1L, 2L, 1.5, true, null,
                new ObjectId("65a000000000000000000001"), new ObjectId("65a000000000000000000002"),
                new Date(0), new Document("x", 1), List.of("a", "x"), List.of("y", 2L)));
        Random random = new Random(11);
        List<String> outcomes = new ArrayList<>();
        try (Store store = Store.open(dir, backend)) {
            MongoCollection<Document> things = store.collection();
            things.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true).sparse(true));
            things.createIndex(Indexes.ascending("a", "b"), new IndexOptions().unique(true));
            for (int i = 0; i < 600; i++) {
                Object k = pool.get(random.nextInt(pool.size()));
                Object a = pool.get(random.nextInt(4));
                Object b = random.nextInt(5);
                try {
                    switch (random.nextInt(4)) {
                        case 0, 1 -> things.insertOne(new Document("_id", i).append("k", k).append("a", a).append("b", b));
                        case 2 -> things.updateOne(Filters.eq("_id", random.nextInt(i + 1)), Updates.set("k", k));
                        default -> things.deleteOne(Filters.eq("k", k));
                    }
                    outcomes.add("ok " + i);
                } catch (MongoWriteException e) {
                    outcomes.add(i + " " + e.getError().getMessage().replaceAll("dup key: .*", ""));
                }
            }
            things.find().sort(new Document("_id", 1)).forEach(d -> outcomes.add(d.toJson()));
        }
        return outcomes;
    }

    /**
     * Replacements by {@code _id} (answered without the stock update's copies, {@link ReplaceById}) against
     * the stock backend: the same counts (matched, modified, upserted), the same refusals, the same
     * documents with their fields in the same order. The replacements come with the fields reordered,
     * unchanged, with numbers of another type, null for missing, nested values, a version filter that
     * matches or not, and unique keys taken by another document.
     */
    @Test
    void replacementsByIdAnswerAndStoreExactlyAsTheStockBackend() {
        List<String> stock = replaceReplay(dir.resolve("stock"), H2Backend::new);
        List<String> ours = replaceReplay(dir.resolve("ours"), EmbeddedBackend::new);
        assertThat(ours).isEqualTo(stock);
        assertThat(ours).anyMatch(line -> line.contains("E11000")).anyMatch(line -> line.contains("matched=1 modified=0"))
                .anyMatch(line -> line.contains("immutable"))
                .anyMatch(line -> line.contains("matched=1 modified=1")).anyMatch(line -> line.contains("matched=0"));
    }

    private static List<String> replaceReplay(Path dir, Function<MVStore, H2Backend> backend) {
        List<Object> ids = List.of("c1", "c2", "c3", "报价-4", new ObjectId("65a000000000000000000001"),
                new ObjectId("65a000000000000000000002"));
        List<Object> values = new ArrayList<>(Arrays.asList(1, 1L, 1.0, 2, "1", null, true, new Date(0),
                new Document("x", 1).append("y", List.of(1, 2)), new Document("y", List.of(1, 2)).append("x", 1),
                List.of(new Document("m", "a").append("at", new Date(5)), new Document("m", "b")), List.of(1L, 2L),
                List.of(1.0, 2.0)));
        Random random = new Random(5);
        List<String> outcomes = new ArrayList<>();
        try (Store store = Store.open(dir, backend)) {
            MongoCollection<Document> things = store.collection();
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true).sparse(true));
            for (Object id : ids) {
                things.insertOne(new Document("_id", id).append("key", "k-" + id).append("v", 0).append("version", 0L)
                        .append("_class", "Thing"));
            }
            for (int i = 0; i < 800; i++) {
                Object id = ids.get(random.nextInt(ids.size()));
                Document filter = new Document("_id", random.nextInt(8) == 0 ? "absent-" + i : id);
                if (random.nextBoolean()) {
                    filter.append("version", (long) random.nextInt(3));
                }
                Document replacement = new Document();
                List<String> order = new ArrayList<>(List.of("key", "v", "version", "_class", "extra"));
                if (random.nextInt(3) == 0) {
                    java.util.Collections.shuffle(order, random);
                }
                for (String field : order) {
                    switch (field) {
                        case "key" -> {
                            if (random.nextInt(6) != 0) {
                                replacement.append("key", "k-" + ids.get(random.nextInt(ids.size())) + (random.nextInt(4) == 0
                                        ? "" : "-" + random.nextInt(3)));
                            }
                        }
                        case "v" -> replacement.append("v", values.get(random.nextInt(values.size())));
                        case "version" -> replacement.append("version", (long) random.nextInt(3));
                        case "_class" -> replacement.append("_class", "Thing");
                        default -> {
                            if (random.nextInt(4) == 0) {
                                replacement.append("extra", values.get(random.nextInt(values.size())));
                            }
                        }
                    }
                }
                Document current = things.find(Filters.eq("_id", id)).first();
                if (current != null && random.nextInt(4) == 0) {
                    // What is stored, again: as it is, its fields reordered, or a number of another type.
                    current.remove("_id");
                    replacement = new Document();
                    List<String> fields = new ArrayList<>(current.keySet());
                    if (random.nextBoolean()) {
                        java.util.Collections.reverse(fields);
                    }
                    for (String field : fields) {
                        Object value = current.get(field);
                        replacement.append(field, value instanceof Integer n && random.nextBoolean() ? Long.valueOf(n) : value);
                    }
                }
                if (random.nextBoolean()) {
                    // As a save sends it: the id first, the stored one or (refused) another.
                    Document withId = new Document("_id", random.nextInt(10) == 0 ? ids.get(random.nextInt(ids.size())) : id);
                    withId.putAll(replacement);
                    replacement = withId;
                }
                Document replacing = replacement;
                com.mongodb.client.model.ReplaceOptions options = new com.mongodb.client.model.ReplaceOptions()
                        .upsert(random.nextInt(5) == 0);
                outcomes.add(outcome(i, () -> things.replaceOne(filter, replacing, options)));
            }
            things.find().sort(new Document("_id", 1)).forEach(d -> outcomes.add(d.toJson()));
            for (Object id : ids) {
                Document byKey = things.find(Filters.eq("_id", id)).first();
                if (byKey != null && byKey.get("key") != null) {
                    outcomes.add(id + " by key " + things.find(Filters.eq("key", byKey.get("key"))).first().get("_id"));
                }
            }
        }
        return outcomes;
    }

    /**
     * A {@code $set} by {@code _id} ({@link SetById}) leaves the stored version as it was, and the new one
     * shares with it every nested document the update did not go through (the stock update copies them all).
     */
    @Test
    void aSetByIdCopiesOnlyTheDocumentsOnItsPath() {
        try (Store store = Store.open(dir, EmbeddedBackend::new)) {
            MongoCollection<Document> things = store.collection();
            things.insertOne(new Document("_id", "u1|2026-05-01").append("u", "u1").append("m",
                    new Document("a", new Document("side", "in")).append("b", new Document("side", "out"))));
            MVMap<Object, de.bwaldvogel.mongo.bson.Document> data = store.backend().getMvStore().openMap("databases.genjin.things");
            de.bwaldvogel.mongo.bson.Document before = data.get("u1|2026-05-01");
            String stored = before.toString();

            com.mongodb.client.result.UpdateResult result = things.updateOne(Filters.eq("_id", "u1|2026-05-01"),
                    new Document("$set", new Document("u", "u1").append("m.c", new Document("side", "in"))));

            assertThat(result.getModifiedCount()).isEqualTo(1);
            assertThat(before).hasToString(stored);
            de.bwaldvogel.mongo.bson.Document m = (de.bwaldvogel.mongo.bson.Document) data.get("u1|2026-05-01").get("m");
            de.bwaldvogel.mongo.bson.Document storedM = (de.bwaldvogel.mongo.bson.Document) before.get("m");
            assertThat(m).isNotSameAs(storedM);
            assertThat(m.keySet()).containsExactly("a", "b", "c");
            assertThat(m.get("a")).isSameAs(storedM.get("a"));
            assertThat(m.get("b")).isSameAs(storedM.get("b"));

            // Sent as "many", as Spring's bulk upserts are: by _id it is one document, and the same fast path.
            things.updateMany(Filters.eq("_id", "u1|2026-05-01"), new Document("$set", new Document("m.d", 1)),
                    new com.mongodb.client.model.UpdateOptions().upsert(true));
            de.bwaldvogel.mongo.bson.Document m2 = (de.bwaldvogel.mongo.bson.Document) data.get("u1|2026-05-01").get("m");
            assertThat(m2.keySet()).containsExactly("a", "b", "c", "d");
            assertThat(m2.get("a")).isSameAs(storedM.get("a"));
        }
    }

    /**
     * Updates setting fields of a document by its {@code _id} ({@link SetById}) against the stock backend:
     * the same counts (matched, modified, upserted), the same refusals, the same documents with their
     * fields, nested ones too, in the same order and of the same types. The paths go one to three levels
     * down, to fields present, absent or null, through a value, a list or a null; some name {@code _id},
     * an array position, an operator, the unique key another document holds, or lie inside another path
     * of the same update. The values equal the stored ones or not, numbers of another type among them; the
     * filter names no stored document (an upsert inserts) or a version it does not have. Half are sent as
     * "many" updates, as Spring's bulk upserts are.
     */
    @Test
    void setUpdatesByIdAnswerAndStoreExactlyAsTheStockBackend() {
        List<String> stock = setReplay(dir.resolve("stock"), H2Backend::new);
        List<String> ours = setReplay(dir.resolve("ours"), EmbeddedBackend::new);
        assertThat(ours).isEqualTo(stock);
        assertThat(ours).anyMatch(line -> line.contains("matched=1 modified=1"))
                .anyMatch(line -> line.contains("matched=1 modified=0")).anyMatch(line -> line.contains("upserted=Bson"))
                .anyMatch(line -> line.contains("matched=0 modified=0 upserted=null")).anyMatch(line -> line.contains("E11000"))
                .anyMatch(line -> line.contains("immutable")).anyMatch(line -> line.contains("conflict"))
                .anyMatch(line -> line.contains("Cannot create field"));
    }

    private static List<String> setReplay(Path dir, Function<MVStore, H2Backend> backend) {
        List<Object> ids = List.of("u1|d1", "u1|d2", "u2|d1", "报价-4", new ObjectId("65a000000000000000000001"));
        List<String> paths = List.of("u", "d", "key", "version", "extra", "tags", "m.a", "m.a.x", "m.a.y", "m.a.z", "m.b",
                "m.c", "m.c.x", "m.c.x.y", "m.n.x", "m.n.x.y", "o.p.q");
        // Rarer: the whole rollup (in conflict with a path inside it, and often replaced by a value), then what
        // is left to the stock update: through a value or a list, an array position, _id, an operator, no name.
        List<String> unusual = List.of("m", "m.b.x", "m.l.x", "m.l.1", "tags.0", "_id", "m.a.$x", "m..a");
        List<Object> values = new ArrayList<>(Arrays.asList(1, 1L, 1.0, 2, "s", null, true, new Date(0),
                new Document("x", 1), new Document("x", 1L), new Document("x", 1).append("y", 2),
                new Document("y", 2).append("x", 1), List.of(1, 2), List.of(1L, 2L), List.of(new Document("x", 1)),
                List.of(new Document("$x", 1))));
        org.bson.json.JsonWriterSettings typed = org.bson.json.JsonWriterSettings.builder()
                .outputMode(org.bson.json.JsonMode.EXTENDED).build();
        Random random = new Random(13);
        List<String> outcomes = new ArrayList<>();
        try (Store store = Store.open(dir, backend)) {
            MongoCollection<Document> things = store.collection();
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true).sparse(true));
            for (int i = 0; i < ids.size(); i++) {
                Document thing = new Document("_id", ids.get(i)).append("key", "k-" + i).append("u", "u").append("d", 1)
                        .append("version", 0L).append("tags", List.of("t"));
                if (i < 3) {
                    thing.append("m", rollup());
                } else if (i == 3) {
                    thing.append("m", null);
                }
                things.insertOne(thing);
            }
            for (int i = 0; i < 1000; i++) {
                Object id = ids.get(random.nextInt(ids.size()));
                Document filter = new Document("_id", random.nextInt(10) == 0 ? "absent-" + i : id);
                if (random.nextInt(4) == 0) {
                    filter.append("version", (long) random.nextInt(2));
                }
                Document current = things.find(Filters.eq("_id", id)).first();
                Document set = new Document();
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    String path = random.nextInt(8) == 0 ? unusual.get(random.nextInt(unusual.size()))
                            : paths.get(random.nextInt(paths.size()));
                    Object value = switch (path) {
                        case "key" -> random.nextInt(4) == 0 ? null : "k-" + random.nextInt(ids.size() + 2);
                        case "version" -> (long) random.nextInt(2);
                        case "m" -> random.nextInt(3) == 0 ? values.get(random.nextInt(values.size())) : rollup();
                        default -> values.get(random.nextInt(values.size()));
                    };
                    if (current != null && random.nextInt(3) == 0) {
                        // What is stored there, again, or as a number of another type.
                        value = storedAt(current, path);
                        if (value instanceof Number number && random.nextBoolean()) {
                            value = random.nextBoolean() ? (Object) number.longValue() : (Object) number.doubleValue();
                        }
                    }
                    set.append(path, value);
                }
                com.mongodb.client.model.UpdateOptions options = new com.mongodb.client.model.UpdateOptions()
                        .upsert(random.nextInt(4) == 0);
                // "Many" as Spring's bulk upsert sends it: by _id it is one document all the same.
                boolean one = random.nextBoolean();
                outcomes.add(outcome(i, () -> one ? things.updateOne(filter, new Document("$set", set), options)
                        : things.updateMany(filter, new Document("$set", set), options)));
            }
            things.find().sort(new Document("_id", 1)).forEach(d -> outcomes.add(d.toJson(typed)));
            things.find().sort(new Document("_id", 1)).forEach(d -> {
                if (d.get("key") != null) {
                    outcomes.add(d.get("_id") + " by key " + things.find(Filters.eq("key", d.get("key"))).first().get("_id"));
                }
            });
        }
        return outcomes;
    }

    private static Document rollup() {
        return new Document("a", new Document("x", 1).append("y", "s")).append("b", 2).append("l", List.of(1, 2))
                .append("n", null);
    }

    /** The value at a dotted path of a document as read back, null when it is absent or not a document's field. */
    private static Object storedAt(Document document, String path) {
        Object value = document;
        for (String segment : path.split("\\.", -1)) {
            value = value instanceof Document d ? d.get(segment) : null;
        }
        return value;
    }

    /**
     * A kill keeps the file as of its last commit. Commits come while another client inserts (as an
     * import runs while a flush or the periodic commit lands); each trial "kills" the store right
     * after one commit and reopens it: every document must be found by its unique key, and every
     * key must find its document. (The MVStore's own commits landed between an insert's document and
     * its index key: a kill then kept a message its Message-ID index did not know, and a re-run
     * stored it twice.)
     */
    @Test
    void aKillRightAfterACommitKeepsEveryDocumentWithItsUniqueKeys() throws Exception {
        for (int trial = 0; trial < 8; trial++) {
            Path trialDir = dir.resolve("trial-" + trial);
            Store store = Store.open(trialDir, EmbeddedBackend::new);
            MongoCollection<Document> things = store.collection();
            things.createIndex(Indexes.ascending("messageId"), new IndexOptions().unique(true));
            java.util.concurrent.atomic.AtomicInteger inserted = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
            Thread writer = new Thread(() -> {
                for (int i = 0; !killed.get(); i++) {
                    try {
                        things.insertOne(new Document("messageId", "m" + i).append("subject", "Inquiry " + i)
                                .append("body", "x".repeat(200)));
                        inserted.incrementAndGet();
                    } catch (RuntimeException afterTheKill) {
                        return;
                    }
                }
            });
            writer.start();
            int commitAfter = 30 + trial * 31;
            while (inserted.get() < commitAfter && writer.isAlive()) {
                Thread.onSpinWait();
            }
            store.backend.commit();
            // More writes after the commit, which the kill below leaves unsaved.
            int committed = inserted.get();
            while (inserted.get() < committed + 10 && writer.isAlive()) {
                Thread.onSpinWait();
            }
            killed.set(true);
            writer.join();
            // The kill: the file closed as it is. With no write in flight: the file layer reopens a channel
            // closed under a write (it retries), which would leave the file locked in this JVM.
            store.backend.getMvStore().closeImmediately();
            store.close();

            try (Store reopened = Store.open(trialDir, EmbeddedBackend::new)) {
                MongoCollection<Document> after = reopened.collection();
                List<String> scanned = new ArrayList<>();
                after.find().forEach(d -> scanned.add(d.getString("messageId")));
                assertThat(scanned).as("trial %d: documents in the file", trial).isNotEmpty().doesNotHaveDuplicates();
                // Every key again, in one unordered insert: each must be refused as taken.
                List<Document> again = scanned.stream().map(id -> new Document("messageId", id)).toList();
                int refused;
                try {
                    after.insertMany(again, new com.mongodb.client.model.InsertManyOptions().ordered(false));
                    refused = 0;
                } catch (com.mongodb.MongoBulkWriteException e) {
                    refused = e.getWriteErrors().size();
                }
                assertThat(refused).as("trial %d: keys refused as taken, of %d documents", trial, scanned.size())
                        .isEqualTo(scanned.size());
                int max = scanned.stream().mapToInt(id -> Integer.parseInt(id.substring(1))).max().orElse(0);
                for (int i = 0; i <= max + 3; i++) {
                    Document byKey = after.find(Filters.eq("messageId", "m" + i)).first();
                    assertThat(byKey == null ? null : byKey.getString("subject")).as("trial %d: m%d by its key", trial, i)
                            .isEqualTo(scanned.contains("m" + i) ? "Inquiry " + i : null);
                }
            }
        }
    }

    @Test
    void servedToOtherProcessesEveryAcknowledgedWriteSurvivesAKillOfTheStore() throws Exception {
        Store store = Store.open(dir, mv -> {
            EmbeddedBackend backend = new EmbeddedBackend(mv);
            backend.commitBeforeReplying();
            return backend;
        });
        MongoCollection<Document> things = store.collection();
        things.createIndex(Indexes.ascending("messageId"), new IndexOptions().unique(true));
        List<Thread> writers = new ArrayList<>();
        java.util.concurrent.ConcurrentLinkedQueue<String> acknowledged = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(new Thread(() -> {
                for (int i = 0; i < 60; i++) {
                    things.insertOne(new Document("messageId", "w" + writer + "-" + i));
                    things.updateOne(Filters.eq("messageId", "w" + writer + "-" + i), Updates.set("stored", true));
                    acknowledged.add("w" + writer + "-" + i);
                }
            }));
        }
        writers.forEach(Thread::start);
        for (Thread t : writers) {
            t.join();
        }
        // A kill: the file closed where it stands, with no commit at the end and no background commit since.
        store.backend.getMvStore().closeImmediately();
        store.close();

        try (Store reopened = Store.open(dir, EmbeddedBackend::new)) {
            for (String id : acknowledged) {
                Document d = reopened.collection().find(Filters.eq("messageId", id)).first();
                assertThat(d).as(id).isNotNull();
                assertThat(d.getBoolean("stored")).as(id + " updated").isTrue();
            }
            assertThat(acknowledged).hasSize(240);
        }
    }

    /** A server over one MVStore file; closing it commits and closes the file. */
    /**
     * Finds with {@code $in} lists ({@link InList} answers those of one field against values of one type)
     * against the stock backend: the same documents for 600 random filters. The lists hold values of one
     * type mostly (texts, whole numbers of either width, ObjectIds), sometimes of mixed types, doubles,
     * null, a regular expression or a list; the fields are the id (indexed), a unique key, a plain field
     * holding values of every type, lists among them, or missing, a nested one; some filters add a second
     * condition.
     */
    @Test
    void inListsFindExactlyWhatTheStockBackendFinds() {
        List<String> stock = inReplay(dir.resolve("stock"), H2Backend::new);
        List<String> ours = inReplay(dir.resolve("ours"), EmbeddedBackend::new);
        assertThat(ours).isEqualTo(stock);
        assertThat(ours.stream().filter(line -> !line.endsWith("[]")).count()).as("most filters find something")
                .isGreaterThan(300);
    }

    private static List<String> inReplay(Path dir, Function<MVStore, H2Backend> backend) {
        List<List<Object>> pools = List.of(
                List.of("a", "b", "", "报价", "<1@x>", "<2@x>", "A"),
                List.of(1L, 2L, 3L, 9_007_199_254_740_993L, 9_007_199_254_740_992L, -1L),
                List.of(1, 2, 3, -1, 0),
                List.of(new ObjectId("65a000000000000000000001"), new ObjectId("65a000000000000000000002")),
                Arrays.asList(1, 1L, 1.0, 2.0, -0.0, 0, "a", null, new ObjectId("65a000000000000000000001"),
                        java.util.regex.Pattern.compile("^<1"), List.of("a", "b"), new Document("x", 1), true));
        List<Object> stored = new ArrayList<>();
        pools.forEach(stored::addAll);
        stored.add(List.of("a", 2L));
        Random random = new Random(17);
        List<String> outcomes = new ArrayList<>();
        try (Store store = Store.open(dir, backend)) {
            MongoCollection<Document> things = store.collection();
            things.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true).sparse(true));
            for (int i = 0; i < 80; i++) {
                Object id = switch (i % 4) {
                    case 0 -> "id-" + i;
                    case 1 -> (long) i;
                    case 2 -> i;
                    default -> new ObjectId(String.format("65a0000000000000000%05d", i));
                };
                Document thing = new Document("_id", id).append("n", i);
                if (random.nextInt(3) > 0) {
                    thing.append("v", stored.get(random.nextInt(stored.size())));
                }
                if (random.nextBoolean()) {
                    thing.append("k", "k-" + i);
                }
                thing.append("m", new Document("x", stored.get(random.nextInt(stored.size()))));
                things.insertOne(thing);
            }
            List<Object> ids = new ArrayList<>();
            things.find().forEach(d -> ids.add(d.get("_id")));
            for (int i = 0; i < 600; i++) {
                String field = List.of("_id", "v", "v", "k", "m.x", "absent").get(random.nextInt(6));
                List<Object> pool = switch (field) {
                    case "_id" -> random.nextInt(4) == 0 ? pools.get(4) : ids;
                    case "k" -> List.of("k-1", "k-2", "k-3", "k-4", "k-5", "k-6", "k-7", "k-8", "k-9", "k-10", "k-11");
                    default -> pools.get(random.nextInt(pools.size()));
                };
                List<Object> list = new ArrayList<>();
                for (int n = random.nextInt(12); n > 0; n--) {
                    list.add(pool.get(random.nextInt(pool.size())));
                }
                if (field.equals("_id") && pool == ids) {
                    // ids of one type, as a look-up by ids sends (the pool mixes four)
                    Class<?> type = list.isEmpty() ? null : list.get(0).getClass();
                    list.removeIf(value -> value.getClass() != type);
                }
                Document filter = new Document(field, new Document("$in", list));
                if (random.nextInt(6) == 0) {
                    filter.append("n", new Document("$lt", 40));
                }
                List<String> found = new ArrayList<>();
                try {
                    things.find(filter).forEach(d -> found.add(String.valueOf(d.get("n"))));
                } catch (com.mongodb.MongoException e) {
                    found.add("refused: " + e.getMessage().replaceAll(" on server .*", ""));
                }
                java.util.Collections.sort(found);
                outcomes.add(filter.toJson() + " " + found);
            }
        }
        return outcomes;
    }

    /** A replayed write's outcome: its counts, or what refused it. */
    private static String outcome(int i, java.util.function.Supplier<com.mongodb.client.result.UpdateResult> write) {
        try {
            com.mongodb.client.result.UpdateResult result = write.get();
            return i + " matched=" + result.getMatchedCount() + " modified=" + result.getModifiedCount() + " upserted="
                    + result.getUpsertedId();
        } catch (MongoWriteException e) {
            return i + " " + e.getError().getMessage().replaceAll("dup key: .*", "");
        } catch (com.mongodb.MongoCommandException e) {
            return i + " refused " + e.getErrorCode();
        }
    }

    private record Store(H2Backend backend, MongoServer server, MongoClient client) implements AutoCloseable {
        static Store open(Path dir, Function<MVStore, H2Backend> kind) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            H2Backend backend = kind.apply(EmbeddedBackend.storeAt(dir.resolve("genjin.mv")).cacheSize(1).open());
            MongoServer server = new MongoServer(backend);
            server.bind("127.0.0.1", 0);
            MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
            return new Store(backend, server, client);
        }

        MongoCollection<Document> collection() {
            return client.getDatabase("genjin").getCollection("things");
        }

        @Override
        public void close() {
            client.close();
            server.shutdownNow();
        }
    }
}
