package io.genjin.gateway.pipeline;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.genjin.gateway.RawMail;
import io.genjin.store.CrmStore;
import io.genjin.store.linking.LinkMessageToCustomer;
import io.genjin.store.linking.LinkingPolicy;
import io.genjin.store.mail.MailArchive;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.data.mongodb.core.MongoTemplate;

/** A fresh in-memory store per test with two reps on team.example, a pipeline over it, and what it published. */
final class PipelineFixture implements AutoCloseable {
    final MongoServer server;
    final MongoClient client;
    final MongoTemplate mongo;
    final Clock clock = Clock.fixed(Instant.parse("2026-03-01T08:00:00Z"), ZoneOffset.UTC);
    final CrmStore store;
    final MailArchive archive;
    final List<Object> events = new CopyOnWriteArrayList<>();
    /** Every command the store was sent, in order. */
    final List<org.bson.BsonDocument> commands = new CopyOnWriteArrayList<>();
    final AtomicInteger flushes = new AtomicInteger();
    final User li;
    final User wang;

    PipelineFixture() {
        this(false);
    }

    /**
     * @param productBackend the product's embedded backend (in memory here), which tells every write, so
     *     contacts and companies are kept between reads as in the app; else mongo-java-server's memory backend
     */
    PipelineFixture(boolean productBackend) {
        io.genjin.store.embedded.EmbeddedBackend embedded = productBackend ? new io.genjin.store.embedded.EmbeddedBackend(
                new org.h2.mvstore.MVStore.Builder().autoCommitDisabled().autoCommitBufferSize(0).open()) : null;
        server = new MongoServer(embedded != null ? embedded : new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create(com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString("mongodb://127.0.0.1:" + server.getLocalAddress().getPort()))
                .addCommandListener(new com.mongodb.event.CommandListener() {
                    @Override
                    public void commandStarted(com.mongodb.event.CommandStartedEvent event) {
                        commands.add(event.getCommand().clone());
                    }
                }).build());
        mongo = new MongoTemplate(client, "genjin");
        store = CrmStore.over(mongo, clock, CrmStore.Backend.EMBEDDED,
                embedded != null ? embedded : io.genjin.store.DocumentChanges.NONE);
        archive = MailArchive.over(mongo);
        li = store.users().create("Li Lei", List.of("lilei@team.example"), Role.REP, "t1", null, "zh-CN");
        wang = store.users().create("Wang Fang", List.of("wangfang@team.example"), Role.REP, "t1", null, "zh-CN");
    }

    IngestionPipeline pipeline(Understanding understanding) {
        LinkMessageToCustomer linker = new LinkMessageToCustomer(store,
                LinkingPolicy.defaults().withInternalDomains("team.example"), clock);
        return new IngestionPipeline(store, archive, linker, understanding, ForwardedMessages.standard(), events::add,
                flushes::incrementAndGet, PipelineSettings.defaults(), clock);
    }

    IngestionPipeline pipeline() {
        return pipeline(Understanding.NONE);
    }

    Steps steps() {
        LinkMessageToCustomer linker = new LinkMessageToCustomer(store,
                LinkingPolicy.defaults().withInternalDomains("team.example"), clock);
        return new Steps(store, archive, linker, Understanding.NONE, ForwardedMessages.standard(), events::add,
                flushes::incrementAndGet, PipelineSettings.defaults(), clock);
    }

    static RawMail mail(String text) {
        return RawMail.of(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
