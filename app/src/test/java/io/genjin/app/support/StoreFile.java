package io.genjin.app.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import io.genjin.store.embedded.EmbeddedBackend;
import java.nio.file.Path;
import org.bson.Document;

/**
 * The embedded store's file, opened the way the app opens it, once the app has stopped (or been
 * killed: the file lock dies with the process, and the store reopens at its last commit, exactly
 * what the app itself would see on restart).
 */
public final class StoreFile implements AutoCloseable {
    private final MongoServer server;
    private final MongoClient client;

    public StoreFile(Path file) {
        server = new MongoServer(new EmbeddedBackend(EmbeddedBackend.storeAt(file).open()));
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    public MongoCollection<Document> collection(String name) {
        return client.getDatabase("genjin").getCollection(name);
    }

    public MongoCollection<Document> messages() {
        return collection("messages");
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
