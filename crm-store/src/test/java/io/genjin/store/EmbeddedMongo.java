package io.genjin.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Clock;
import org.springframework.data.mongodb.core.MongoTemplate;

/** An in-memory MongoDB-wire server on a free loopback port, for fast store tests. */
public final class EmbeddedMongo implements AutoCloseable {
    private final MongoServer server;
    private final MongoClient client;
    private final MongoTemplate template;
    private final java.util.List<MongoClient> others = new java.util.ArrayList<>();

    public EmbeddedMongo() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        template = new MongoTemplate(client, "genjin");
    }

    public MongoTemplate template() {
        return template;
    }

    /**
     * A template on the same server whose client tells the listener of every command it sends (to
     * count the reads a use case makes); closed with this.
     */
    public MongoTemplate template(com.mongodb.event.CommandListener listener) {
        InetSocketAddress address = server.getLocalAddress();
        MongoClient listened = MongoClients.create(com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
                .addCommandListener(listener).build());
        others.add(listened);
        return new MongoTemplate(listened, "genjin");
    }

    public CrmStore store(Clock clock) {
        return CrmStore.over(template, clock, CrmStore.Backend.EMBEDDED);
    }

    @Override
    public void close() {
        others.forEach(MongoClient::close);
        client.close();
        server.shutdownNow();
    }
}
