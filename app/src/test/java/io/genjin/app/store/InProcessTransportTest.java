package io.genjin.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoDriverInformation;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.genjin.store.embedded.EmbeddedBackend;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver over the in-process transport, with no server listening anywhere: the connection
 * string names a port nobody holds, so every answer here came through the store's pipeline in this
 * thread. What the product relies on must behave as over the socket: errors by code, cursors that
 * span batches, large documents, several threads at once.
 */
class InProcessTransportTest {
    @TempDir
    Path dir;

    private EmbeddedBackend backend;
    private InProcessTransport transport;
    private MongoClient client;
    private MongoCollection<Document> things;

    @BeforeEach
    void open() throws Exception {
        int unused;
        try (ServerSocket probe = new ServerSocket(0)) {
            unused = probe.getLocalPort();
        }
        backend = new EmbeddedBackend(EmbeddedBackend.storeAt(dir.resolve("genjin.mv")).open());
        transport = new InProcessTransport(backend);
        // The driver's own client over the transport: the client the app gets answers its frequent
        // commands without the transport (InProcessCommandsTest), and this test is the transport's.
        client = transport.driverClient(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + unused + "/genjin"))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS)).build(),
                MongoDriverInformation.builder().build());
        things = client.getDatabase("genjin").getCollection("things");
    }

    @AfterEach
    void close() {
        client.close();
        transport.close();
        backend.close();
    }

    @Test
    void writesAndReadsAsOverTheSocketWithDuplicateKeysRefusedByCode() {
        things.createIndex(Indexes.ascending("messageId"), new IndexOptions().unique(true));
        things.insertOne(new Document("_id", 1).append("messageId", "<a@x>").append("subject", "报价 quotation"));
        assertThatThrownBy(() -> things.insertOne(new Document("_id", 2).append("messageId", "<a@x>")))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));

        things.updateOne(Filters.eq("_id", 1), Updates.addToSet("mailboxes", "INBOX"));
        assertThat(things.find(Filters.eq("messageId", "<a@x>")).first()).isEqualTo(new Document("_id", 1)
                .append("messageId", "<a@x>").append("subject", "报价 quotation").append("mailboxes", List.of("INBOX")));
        assertThat(things.aggregate(List.of(Aggregates.match(Filters.exists("mailboxes")), Aggregates.count("n"))).first())
                .isEqualTo(new Document("n", 1));
    }

    @Test
    void aCursorSpanningManyBatchesReturnsEveryDocumentInOrder() {
        List<Document> many = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            many.add(new Document("_id", i).append("n", i));
        }
        things.insertMany(many);
        List<Integer> read = new ArrayList<>();
        things.find().sort(new Document("_id", 1)).batchSize(100).forEach(d -> read.add(d.getInteger("n")));
        assertThat(read).hasSize(2_500).isSorted().startsWith(0, 1, 2).endsWith(2_499);
    }

    @Test
    void aLargeDocumentGoesBothWaysIntact() {
        byte[] bytes = new byte[6 * 1024 * 1024];
        new java.util.Random(3).nextBytes(bytes);
        things.insertOne(new Document("_id", "big").append("data", new Binary(bytes)));
        Binary back = things.find(Filters.eq("_id", "big")).first().get("data", Binary.class);
        assertThat(back.getData()).isEqualTo(bytes);
    }

    @Test
    void aRefusedCommandIsAnErrorAndTheConnectionServesTheNextOne() {
        things.insertOne(new Document("_id", 1));
        assertThatThrownBy(() -> client.getDatabase("genjin").runCommand(new Document("noSuchCommand", 1)))
                .isInstanceOf(MongoCommandException.class);
        assertThat(things.countDocuments()).isEqualTo(1);
    }

    @Test
    void severalThreadsAtOnceEachSeeTheirOwnWritesAndAllOfThemAtTheEnd() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    int seen = 0;
                    for (int i = 0; i < 200; i++) {
                        String id = thread + "-" + i;
                        things.insertOne(new Document("_id", id).append("thread", thread));
                        if (things.find(Filters.eq("_id", id)).first() != null) {
                            seen++;
                        }
                    }
                    return seen;
                }));
            }
            for (Future<Integer> f : done) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(things.countDocuments()).isEqualTo(800);
    }
}
