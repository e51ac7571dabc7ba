package io.genjin.followup;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The embedded MongoDB-wire server on a free loopback port: by default over the in-memory backend;
 * {@link #productStore()} over the product's own backend.
 */
public final class EmbeddedMongo implements AutoCloseable {
    private final MongoServer server;
    private final MongoClient client;
    private final MongoTemplate template;
    private final java.util.List<MongoClient> replicas = new java.util.concurrent.CopyOnWriteArrayList<>();

    public EmbeddedMongo() {
        this(new MemoryBackend());
    }

    /**
     * Over the product's embedded backend (H2 pages, in memory here), for tests of writers racing each
     * other: the in-memory backend changes a stored document in place, where a reply being written at
     * the same moment can read it half changed (a new version with the old fields), which the product's
     * store, reading copies, never does.
     */
    public static EmbeddedMongo productStore() {
        return new EmbeddedMongo(new io.genjin.store.embedded.EmbeddedBackend(
                new org.h2.mvstore.MVStore.Builder().autoCommitDisabled().autoCommitBufferSize(0).open()));
    }

    private EmbeddedMongo(de.bwaldvogel.mongo.MongoBackend backend) {
        server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        template = new MongoTemplate(client, "genjin");
    }

    public MongoTemplate template() {
        return template;
    }

    /** A lease provider as the app builds it, over its own client: a second replica. */
    public LockProvider leases() {
        MongoClient replica = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        replicas.add(replica);
        return new MongoLockProvider(replica.getDatabase("genjin").getCollection("shedLock"));
    }

    @Override
    public void close() {
        replicas.forEach(MongoClient::close);
        client.close();
        server.shutdownNow();
    }
}
