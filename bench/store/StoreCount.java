import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import io.genjin.store.embedded.EmbeddedBackend;
import java.nio.file.Path;
import org.bson.Document;

/**
 * What a stopped Genjin's embedded store holds, read the way the app opens it (at its last commit):
 * prints "messages N failed F checkpoints C:lastUid,..." for the benchmarks to check that every
 * message they sent or served was stored, not only acknowledged.
 *   java -cp CLASSPATH StoreCount.java DATA_DIR/genjin.mv.db
 */
public class StoreCount {
    public static void main(String[] args) {
        MongoServer server = new MongoServer(new EmbeddedBackend(EmbeddedBackend.storeAt(Path.of(args[0])).open()));
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoDatabase db = client.getDatabase("genjin");
            long messages = db.getCollection("messages").countDocuments();
            long failed = db.getCollection("failed_messages").countDocuments(Filters.eq("resolvedAt", null));
            StringBuilder checkpoints = new StringBuilder();
            for (Document c : db.getCollection("mailbox_checkpoints").find()) {
                checkpoints.append(checkpoints.isEmpty() ? "" : ",").append(c.get("_id")).append(':').append(c.get("lastUid"));
            }
            System.out.println("messages " + messages + " failed " + failed + " checkpoints " + (checkpoints.isEmpty() ? "-" : checkpoints));
        } finally {
            server.shutdownNow();
        }
    }
}
