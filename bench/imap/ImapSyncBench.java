import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.imap.MailboxSync;
import io.genjin.gateway.imap.SyncSettings;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxStore;
import io.genjin.store.mailbox.SecretCipher;
import java.io.InputStream;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * First sync of one Dovecot mailbox through the gateway (MailboxSync.syncOnce) with an ingestion
 * that only reads and counts each message's bytes; checkpoints go to an in-memory store.
 *   java -cp CLASSPATH ImapSyncBench.java PORT USER PASSWORD
 */
public class ImapSyncBench {
    public static void main(String[] args) throws Exception {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MailboxStore store = MailboxStore.over(new MongoTemplate(client, "bench"), SecretCipher.withKey(new byte[32]),
                    () -> { }, Clock.systemUTC());
            MailboxAccount account = store.accounts().add("bench", "127.0.0.1", Integer.parseInt(args[0]),
                    MailboxAccount.Security.NONE, args[1], args[2], MailboxAccount.Auth.PASSWORD);
            AtomicLong messages = new AtomicLong();
            AtomicLong bytes = new AtomicLong();
            MailIngestion counting = (mail, source) -> {
                try (InputStream in = mail.open()) {
                    bytes.addAndGet(in.transferTo(OutputStreamSink.INSTANCE));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                messages.incrementAndGet();
                return new IngestResult(IngestResult.Outcome.STORED, null, null, null, null);
            };
            long start = System.nanoTime();
            SyncSettings settings = SyncSettings.defaults()
                    .withChunkMessages(Integer.parseInt(System.getenv().getOrDefault("CHUNK", Integer.toString(SyncSettings.defaults().chunkMessages()))));
            try (MailboxSync sync = new MailboxSync(store, counting, settings, Clock.systemUTC())) {
                sync.syncOnce(account.id());
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("gateway: %d messages, %.1f MB in %d ms (%.0f msg/s)%n", messages.get(),
                    bytes.get() / 1e6, millis, messages.get() * 1000.0 / Math.max(1, millis));
            System.out.println("gateway chunk: " + settings.chunkMessages() + " messages per checkpoint (CHUNK=n to change)");
            System.out.println("gateway_ms=" + millis);
        } finally {
            server.shutdownNow();
        }
    }

    /** Discards bytes. */
    static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
