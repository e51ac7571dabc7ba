package io.genjin.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoDriverInformation;
import com.mongodb.MongoWriteException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import io.genjin.store.embedded.EmbeddedBackend;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The commands answered in-process ({@link InProcessCommands}) against the same commands through
 * the driver, on one store: every answer, document, count and refusal must be the driver's.
 */
class InProcessCommandsTest {
    @TempDir
    Path dir;

    private EmbeddedBackend backend;
    private InProcessTransport transport;
    private MongoClient direct;
    private MongoClient driver;
    private MongoClient noDriver;
    private MongoCollection<Document> viaDirect;
    private MongoCollection<Document> viaDriver;

    @BeforeEach
    void open() throws Exception {
        int unused;
        try (ServerSocket probe = new ServerSocket(0)) {
            unused = probe.getLocalPort();
        }
        backend = new EmbeddedBackend(EmbeddedBackend.storeAt(dir.resolve("genjin.mv")).open());
        transport = new InProcessTransport(backend);
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + unused + "/genjin"))
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS)).build();
        direct = transport.client(settings, MongoDriverInformation.builder().build());
        driver = transport.driverClient(settings, MongoDriverInformation.builder().build());
        // The commands meant to be answered in-process are sent through a client whose driver reaches no
        // server (nothing listens on that port): each succeeds only if it never went to the driver.
        noDriver = InProcessCommands.over(com.mongodb.client.MongoClients.create(MongoClientSettings.builder(settings)
                .applyToClusterSettings(c -> c.serverSelectionTimeout(200, TimeUnit.MILLISECONDS)).build()), backend,
                settings.getClusterSettings().getHosts().get(0), () -> false);
        viaDirect = noDriver.getDatabase("genjin").getCollection("things");
        viaDriver = driver.getDatabase("genjin").getCollection("things");
    }

    @AfterEach
    void close() {
        direct.close();
        driver.close();
        noDriver.close();
        transport.close();
        backend.close();
    }

    /** A document with a value of every kind the product writes, and some it does not. */
    private static Document everyKind(Object id) {
        return new Document("_id", id).append("text", "报价 quotation Ünïcode 🙂").append("int", 42).append("long", 1L << 40)
                .append("double", 2.5).append("yes", true).append("nothing", null).append("at", new Date(1_764_000_000_123L))
                .append("oid", new ObjectId("64b7f0c2a1b2c3d4e5f60718")).append("binary", new Binary(new byte[] {1, 2, 3}))
                .append("bytes", new byte[] {4, 5}).append("userBinary", new Binary((byte) 0x80, new byte[] {6}))
                .append("uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"))
                .append("decimal", Decimal128.parse("12.345")).append("stamp", new BsonTimestamp(7, 1))
                .append("regex", Pattern.compile("^re", Pattern.CASE_INSENSITIVE)).append("map", Map.of("k", "v"))
                .append("nested", new Document("list", List.of(1, "two", new Document("three", 3.0), List.of(new Date(0)))));
    }

    @Test
    void aDocumentInsertedInProcessReadsBackAsTheDriverWritesAndReadsIt() {
        viaDirect.insertOne(everyKind("direct"));
        viaDriver.insertOne(everyKind("driver"));

        Document writtenInProcess = viaDriver.find(new Document("_id", "direct")).first();
        Document writtenByDriver = viaDriver.find(new Document("_id", "driver")).first();
        assertThat(writtenInProcess).isNotNull();
        writtenInProcess.remove("_id");
        writtenByDriver.remove("_id");
        assertThat(normalised(writtenInProcess)).isEqualTo(normalised(writtenByDriver));

        Document readInProcess = viaDirect.find(new Document("_id", "driver")).first();
        readInProcess.remove("_id");
        assertThat(normalised(readInProcess)).isEqualTo(normalised(writtenByDriver));
        assertThat(readInProcess.get("at")).isEqualTo(new Date(1_764_000_000_123L));
        assertThat(readInProcess.get("uuid")).isEqualTo(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    }

    /** Binary and patterns compare by identity; their contents are what must match. */
    private static String normalised(Document document) {
        return document.toJson();
    }

    @Test
    void findsAnswerAsTheDriversWithFilterProjectionSortSkipAndLimit() {
        viaDriver.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
        for (int i = 0; i < 40; i++) {
            viaDriver.insertOne(new Document("_id", i).append("key", "k" + i).append("group", i % 3)
                    .append("at", new Date(1_000L * (40 - i))).append("tags", List.of("t" + i % 5, "all")));
        }
        List<Function<MongoCollection<Document>, FindIterable<Document>>> finds = List.of(
                c -> c.find(),
                c -> c.find(new Document("key", "k7")),
                c -> c.find(new Document("key", new Document("$in", List.of("k1", "k9", "none")))),
                c -> c.find(new Document("group", 1)).sort(new Document("at", -1)),
                c -> c.find(new Document("tags", "t2")).projection(new Document("key", 1)).sort(new Document("_id", 1)),
                c -> c.find(new Document("at", new Document("$lt", new Date(10_000L)))).sort(new Document("at", 1)).skip(2).limit(3),
                c -> c.find(new Document()).projection(new Document()).limit(5),
                c -> c.find(new Document("$or", List.of(new Document("group", 2), new Document("key", "k0")))).sort(
                        new Document("key", 1)),
                c -> c.find(new Document("nothing", new Document("$exists", true))));
        for (Function<MongoCollection<Document>, FindIterable<Document>> find : finds) {
            List<Document> expected = find.apply(viaDriver).into(new ArrayList<>());
            assertThat(find.apply(viaDirect).into(new ArrayList<>())).isEqualTo(expected);
            List<Document> iterated = new ArrayList<>();
            try (MongoCursor<Document> cursor = find.apply(viaDirect).iterator()) {
                assertThat(cursor.available()).isEqualTo(expected.size());
                cursor.forEachRemaining(iterated::add);
            }
            assertThat(iterated).isEqualTo(expected);
            assertThat(find.apply(viaDirect).first()).isEqualTo(find.apply(viaDriver).first());
        }
    }

    @Test
    void aFindWithABatchSizeIsTheDriversCursorReadInBatches() {
        for (int i = 0; i < 250; i++) {
            viaDriver.insertOne(new Document("_id", i));
        }
        List<Document> read = new ArrayList<>();
        MongoCollection<Document> things = direct.getDatabase("genjin").getCollection("things");
        try (MongoCursor<Document> cursor = things.find(new Document()).sort(new Document("_id", 1)).batchSize(100).iterator()) {
            assertThat(cursor.getServerCursor()).as("a cursor the store holds, read in batches").isNotNull();
            cursor.forEachRemaining(read::add);
        }
        assertThat(read).hasSize(250).first().isEqualTo(new Document("_id", 0));
    }

    @Test
    void anInsertWithoutAnIdGetsOneFirstInTheCallersDocumentAsTheDriverGivesIt() {
        Document mine = new Document("subject", "RFQ");
        viaDirect.insertOne(mine);
        assertThat(mine.keySet()).containsExactly("_id", "subject");
        assertThat(mine.get("_id")).isInstanceOf(ObjectId.class);
        assertThat(viaDriver.find(new Document("_id", mine.get("_id"))).first()).isEqualTo(mine);
    }

    @Test
    void aDuplicateKeyIsRefusedByCodeBothWaysAndSpringSeesADuplicateKey() {
        viaDriver.createIndex(Indexes.ascending("messageId"), new IndexOptions().unique(true));
        viaDirect.insertOne(new Document("_id", 1).append("messageId", "<a@x>"));
        MongoWriteException byDriver = org.junit.jupiter.api.Assertions.assertThrows(MongoWriteException.class,
                () -> viaDriver.insertOne(new Document("_id", 2).append("messageId", "<a@x>")));
        assertThatThrownBy(() -> viaDirect.insertOne(new Document("_id", 2).append("messageId", "<a@x>")))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(byDriver.getCode()).isEqualTo(11000);
                    assertThat(e.getError().getCategory()).isEqualTo(byDriver.getError().getCategory());
                });
        assertThatThrownBy(() -> viaDirect.updateOne(new Document("_id", 5), new Document("$set",
                new Document("messageId", "<a@x>")), new UpdateOptions().upsert(true)))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));

        MongoTemplate spring = new MongoTemplate(direct, "genjin");
        assertThatThrownBy(() -> spring.insert(new Document("_id", 3).append("messageId", "<a@x>"), "things"))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(spring.findOne(Query.query(Criteria.where("messageId").is("<a@x>")), Document.class, "things"))
                .isEqualTo(new Document("_id", 1).append("messageId", "<a@x>"));
    }

    @Test
    void updatesAndDeletesCountAsTheDriversDo() {
        for (int i = 0; i < 6; i++) {
            viaDriver.insertOne(new Document("_id", i).append("n", i % 2));
        }
        Document setSeen = new Document("$set", new Document("seen", true));
        assertThat(viaDirect.updateOne(new Document("n", 1), setSeen)).isEqualTo(UpdateResult.acknowledged(1, 1L, null));
        assertThat(viaDirect.updateMany(new Document("n", 1), setSeen)).isEqualTo(UpdateResult.acknowledged(3, 2L, null));
        UpdateResult upserted = viaDirect.updateOne(new Document("_id", "new"), setSeen, new UpdateOptions().upsert(true));
        assertThat(upserted.getMatchedCount()).isZero();
        assertThat(upserted.getUpsertedId().asString().getValue()).isEqualTo("new");
        assertThat(viaDirect.updateOne(new Document("_id", "absent"), setSeen).getMatchedCount()).isZero();
        assertThat(viaDriver.find(new Document("seen", true)).into(new ArrayList<>())).hasSize(4);

        assertThat(viaDirect.deleteOne(new Document("n", 0)).getDeletedCount()).isEqualTo(1);
        assertThat(viaDirect.deleteMany(new Document("n", 0)).getDeletedCount()).isEqualTo(2);
        assertThat(viaDriver.countDocuments()).isEqualTo(4);
    }

    /**
     * The same writes on two collections with the same unique index, one through the driver and one
     * in-process: the same results (or the same refusals, by code and index) and the same documents after.
     */
    private void sameBothWays(Function<MongoCollection<Document>, Object> writes) {
        MongoCollection<Document> a = driver.getDatabase("genjin").getCollection("a");
        MongoCollection<Document> b = noDriver.getDatabase("genjin").getCollection("b");
        for (MongoCollection<Document> c : List.of(a, driver.getDatabase("genjin").getCollection("b"))) {
            c.drop();
            c.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            c.insertOne(new Document("_id", "seed").append("key", "taken").append("n", 0));
        }
        Object byDriver = outcome(() -> writes.apply(a));
        Object inProcess = outcome(() -> writes.apply(b));
        assertThat(inProcess).isEqualTo(byDriver);
        assertThat(b.find().sort(new Document("_id", 1)).into(new ArrayList<>()))
                .isEqualTo(a.find().sort(new Document("_id", 1)).into(new ArrayList<>()));
    }

    /** A result, or what a refusal says: its class, codes and the indexes refused. */
    private static Object outcome(java.util.function.Supplier<Object> write) {
        try {
            return write.get();
        } catch (com.mongodb.MongoBulkWriteException e) {
            return List.of(e.getClass(), e.getWriteErrors().stream().map(x -> x.getCode() + "@" + x.getIndex()).toList(),
                    e.getWriteResult().getInsertedCount(), e.getWriteResult().getMatchedCount(),
                    e.getWriteResult().getModifiedCount(), e.getWriteResult().getDeletedCount(), e.getWriteResult().getUpserts());
        } catch (MongoWriteException e) {
            return List.of(e.getClass(), e.getCode());
        } catch (MongoCommandException e) {
            return List.of(e.getClass(), e.getErrorCode());
        }
    }

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    @Test
    void manyInsertsReplacementsAndBulkWritesAnswerAsTheDriversWithTheirRefusals() {
        sameBothWays(c -> c.insertMany(List.of(new Document("_id", 1).append("key", "k1"),
                new Document("_id", 2).append("key", "k2"))).getInsertedIds());
        sameBothWays(c -> c.insertMany(List.of(new Document("_id", 1).append("key", "k1"),
                new Document("_id", 2).append("key", "taken"), new Document("_id", 3).append("key", "k3"))));
        sameBothWays(c -> c.insertMany(List.of(new Document("_id", 1).append("key", "taken"),
                new Document("_id", 2).append("key", "k2"), new Document("_id", "seed")),
                new com.mongodb.client.model.InsertManyOptions().ordered(false)));
        sameBothWays(c -> c.replaceOne(new Document("_id", "seed"), new Document("key", "other").append("n", 9)));
        // What the driver refuses before sending is refused the same way (the store would have taken them).
        for (Function<MongoCollection<Document>, Object> refused : List.<Function<MongoCollection<Document>, Object>>of(
                c -> c.updateOne(new Document("_id", "seed"), new Document("key", "replaced?")),
                c -> c.updateOne(new Document("_id", "seed"), new Document()),
                c -> c.replaceOne(new Document("_id", "seed"), new Document("$set", new Document("n", 1))))) {
            Class<? extends Throwable> byDriver = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> refused.apply(viaDriver)).getClass();
            assertThatThrownBy(() -> refused.apply(direct.getDatabase("genjin").getCollection("things"))).isInstanceOf(byDriver);
        }
        sameBothWays(c -> c.replaceOne(new Document("_id", "new"), new Document("key", "fresh"),
                new com.mongodb.client.model.ReplaceOptions().upsert(true)).getUpsertedId());
        sameBothWays(c -> c.replaceOne(new Document("_id", "new"), new Document("key", "taken"),
                new com.mongodb.client.model.ReplaceOptions().upsert(true)));
        sameBothWays(c -> c.bulkWrite(List.of(
                new com.mongodb.client.model.InsertOneModel<>(new Document("_id", 1).append("key", "k1")),
                new com.mongodb.client.model.InsertOneModel<>(new Document("_id", 2).append("key", "k2")),
                new com.mongodb.client.model.UpdateOneModel<>(new Document("_id", 1), new Document("$inc", new Document("n", 1))),
                new com.mongodb.client.model.UpdateManyModel<>(new Document(), new Document("$set", new Document("all", true))),
                new com.mongodb.client.model.UpdateOneModel<>(new Document("_id", 7), new Document("$set",
                        new Document("key", "k7")), UPSERT),
                new com.mongodb.client.model.ReplaceOneModel<>(new Document("_id", 2), new Document("key", "k2b")),
                new com.mongodb.client.model.DeleteOneModel<>(new Document("_id", 1)),
                new com.mongodb.client.model.InsertOneModel<>(new Document("_id", 3).append("key", "k3")),
                new com.mongodb.client.model.DeleteManyModel<>(new Document("all", true).append("_id", new Document("$gt", 2))))));
        sameBothWays(c -> c.bulkWrite(List.of(
                new com.mongodb.client.model.InsertOneModel<>(new Document("_id", 1).append("key", "k1")),
                new com.mongodb.client.model.InsertOneModel<>(new Document("_id", 2).append("key", "taken")),
                new com.mongodb.client.model.UpdateOneModel<>(new Document("_id", 1), new Document("$set", new Document("n", 5))))));
        sameBothWays(c -> c.bulkWrite(List.of(
                new com.mongodb.client.model.UpdateOneModel<>(new Document("_id", "seed"), new Document("$set",
                        new Document("n", 1))),
                new com.mongodb.client.model.InsertOneModel<>(new Document("_id", 2).append("key", "taken")),
                new com.mongodb.client.model.UpdateOneModel<>(new Document("_id", 9), new Document("$set",
                        new Document("key", "taken")), UPSERT),
                new com.mongodb.client.model.InsertOneModel<>(new Document("_id", 3).append("key", "k3"))),
                new com.mongodb.client.model.BulkWriteOptions().ordered(false)));
    }

    private static FindOneAndUpdateOptions findAndModify(boolean upsert, ReturnDocument returned) {
        return new FindOneAndUpdateOptions().upsert(upsert).returnDocument(returned);
    }

    @Test
    void findAndModifyAnswersAsTheDriversWithTheDocumentBeforeOrAfterAndItsRefusals() {
        Document inc = new Document("$inc", new Document("n", 5L));
        sameBothWays(c -> c.findOneAndUpdate(new Document("_id", "seed"), inc, findAndModify(false, ReturnDocument.AFTER)));
        sameBothWays(c -> c.findOneAndUpdate(new Document("_id", "seed"), inc, findAndModify(false, ReturnDocument.BEFORE)));
        sameBothWays(c -> c.findOneAndUpdate(new Document("_id", "seed"), inc));
        sameBothWays(c -> c.findOneAndUpdate(new Document("_id", "absent"), inc, findAndModify(false, ReturnDocument.AFTER)));
        sameBothWays(c -> c.findOneAndUpdate(new Document("_id", "counter"), inc, findAndModify(true, ReturnDocument.AFTER)));
        sameBothWays(c -> c.findOneAndUpdate(new Document("_id", "counter"), inc, findAndModify(true, ReturnDocument.BEFORE)));
        sameBothWays(c -> {
            c.insertMany(List.of(new Document("_id", 1).append("key", "k1").append("n", 3),
                    new Document("_id", 2).append("key", "k2").append("n", 3)));
            return c.findOneAndUpdate(new Document("n", 3), new Document("$set", new Document("claimed", true)),
                    findAndModify(false, ReturnDocument.AFTER).sort(new Document("_id", -1))
                            .projection(new Document("claimed", 1).append("key", 1)));
        });
        // An upsert whose new document takes a unique key already held: the command is refused, by code.
        sameBothWays(c -> c.findOneAndUpdate(new Document("_id", "other"), new Document("$set", new Document("key", "taken")),
                findAndModify(true, ReturnDocument.AFTER)));

        // Spring's findAndModify goes in-process (the collection's driver reaches no server) and maps the result.
        MongoTemplate spring = new MongoTemplate(noDriver, "genjin");
        Query sequence = Query.query(Criteria.where("_id").is("sequence"));
        org.springframework.data.mongodb.core.query.Update next = new org.springframework.data.mongodb.core.query.Update()
                .inc("value", 3L);
        org.springframework.data.mongodb.core.FindAndModifyOptions upsertNew = org.springframework.data.mongodb.core
                .FindAndModifyOptions.options().upsert(true).returnNew(true);
        assertThat(spring.findAndModify(sequence, next, upsertNew, Document.class, "things").get("value")).isEqualTo(3L);
        assertThat(spring.findAndModify(sequence, next, upsertNew, Document.class, "things").get("value")).isEqualTo(6L);
        assertThat(viaDriver.find(new Document("_id", "sequence")).first()).isEqualTo(
                new Document("_id", "sequence").append("value", 6L));
        // An update without operators is the driver's to refuse, as before.
        Class<? extends Throwable> byDriver = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> viaDriver.findOneAndUpdate(new Document("_id", "sequence"), new Document("value", 1))).getClass();
        assertThatThrownBy(() -> direct.getDatabase("genjin").getCollection("things")
                .findOneAndUpdate(new Document("_id", "sequence"), new Document("value", 1))).isInstanceOf(byDriver);
    }

    @org.springframework.data.mongodb.core.mapping.Document("keyed")
    record Keyed(@org.springframework.data.annotation.Id String id, String key) {
    }

    @Test
    void springsBulkInsertSkipsDuplicatesInProcessAsOverTheDriver() {
        MongoCollection<Document> keyed = driver.getDatabase("genjin").getCollection("keyed");
        keyed.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
        keyed.insertOne(new Document("_id", "seed").append("key", "taken"));
        List<Keyed> inserted = io.genjin.store.BulkInsert.skippingDuplicates(new MongoTemplate(noDriver, "genjin"), Keyed.class,
                List.of(new Keyed("1", "k1"), new Keyed("2", "taken"), new Keyed("3", "k3")));
        assertThat(inserted).extracting(Keyed::id).containsExactly("1", "3");
        assertThat(keyed.countDocuments()).isEqualTo(3);
    }

    @Test
    void aRefusedCommandIsTheDriversExceptionWithTheSameCode() {
        viaDriver.insertOne(new Document("_id", 1));
        Document bad = new Document("$nosuchoperator", 1);
        MongoCommandException byDriver = org.junit.jupiter.api.Assertions.assertThrows(MongoCommandException.class,
                () -> viaDriver.find(bad).first());
        assertThatThrownBy(() -> viaDirect.find(bad).first()).isInstanceOfSatisfying(MongoCommandException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo(byDriver.getErrorCode()));
        assertThat(viaDirect.find(new Document("_id", 1)).first()).isEqualTo(new Document("_id", 1));
    }

    @Test
    void aDocumentTooLargeForTheWireIsLeftToTheDriverWhichRefusesIt() {
        String text = "x".repeat(17 * 1024 * 1024);
        Class<? extends Throwable> byDriver = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> viaDriver.insertOne(new Document("_id", 1).append("text", text))).getClass();
        assertThatThrownBy(() -> direct.getDatabase("genjin").getCollection("things")
                .insertOne(new Document("_id", 2).append("text", text))).isInstanceOf(byDriver);
        assertThatThrownBy(() -> viaDirect.insertOne(new Document("_id", 3).append("text", text)))
                .as("left to the driver, which here reaches no server").isInstanceOf(com.mongodb.MongoTimeoutException.class);
        assertThat(viaDriver.countDocuments()).isZero();
    }

    @Test
    void onceTheTransportIsClosedACommandFailsAsOnAClosedConnectionAndSpringSeesTheStoreUnreachable() {
        viaDriver.insertOne(new Document("_id", 1));
        transport.close();
        assertThatThrownBy(() -> direct.getDatabase("genjin").getCollection("things").insertOne(new Document("_id", 2)))
                .isInstanceOf(com.mongodb.MongoSocketWriteException.class);
        assertThatThrownBy(() -> new MongoTemplate(direct, "genjin").findOne(Query.query(Criteria.where("_id").is(1)),
                Document.class, "things")).isInstanceOf(org.springframework.dao.DataAccessResourceFailureException.class);
    }

    @Test
    void severalThreadsAtOnceEachSeeTheirOwnWrites() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    int seen = 0;
                    for (int i = 0; i < 300; i++) {
                        String id = thread + "-" + i;
                        viaDirect.insertOne(new Document("_id", id).append("thread", thread));
                        viaDirect.updateOne(new Document("_id", id), new Document("$set", new Document("i", i)));
                        Document back = viaDirect.find(new Document("_id", id)).first();
                        if (back != null && back.getInteger("i") == i) {
                            seen++;
                        }
                    }
                    return seen;
                }));
            }
            for (Future<Integer> f : done) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(300);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(viaDriver.countDocuments()).isEqualTo(1_200);
    }
}
