import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.gateway.mbox.MboxReader;
import io.genjin.gateway.pipeline.ForwardedMessages;
import io.genjin.gateway.pipeline.IngestionPipeline;
import io.genjin.gateway.pipeline.PipelineSettings;
import io.genjin.gateway.pipeline.Understanding;
import io.genjin.store.CrmStore;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.linking.LinkMessageToCustomer;
import io.genjin.store.linking.LinkingPolicy;
import io.genjin.store.mail.MailArchive;
import io.genjin.store.user.Role;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * bench/mbox: (1) mbox import messages/s through the whole pipeline into the embedded store (H2
 * file, one batch flushed every 500 messages, as {@code genjin import}) vs a raw Mime4j token-stream
 * parse of the same mbox, with the store round trips per message; (2) live-heap growth while
 * ingesting one generated message with a 100 MB attachment, for the gateway alone and for the
 * gateway with the embedded store in the same JVM. Prints figures; asserts nothing.
 */
public class MboxBench {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("--serve")) {
            serve(Path.of(args[1]));
            return;
        }
        Path work = Files.createTempDirectory("genjin-bench-mbox");
        try {
            run(Path.of(args[0]), Integer.parseInt(args[1]), work);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The bench, in {@code work} (the mbox, the stores, the large message), which is removed after it. */
    static void run(Path corpora, int copies, Path work) throws Exception {
        Path mbox = work.resolve("bench.mbox");
        int messages = writeMbox(corpora, mbox, copies);
        System.out.printf("mbox: %d messages, %.1f MB (corpus .eml files x%d, Message-IDs made unique)%n", messages,
                Files.size(mbox) / 1e6, copies);

        if ("heap".equals(System.getenv("BENCH_ONLY"))) {
            heap(work);
            return;
        }
        double raw = 0;
        double imported = 0;
        Commands importCommands = null;
        for (int round = 0; round < 2; round++) { // first round warms the JIT
            raw = rawParse(mbox);
            imported = pipelineImport(mbox, work);
            importCommands = lastCommands;
        }
        // Partial figures: the pipeline inside one warm JVM, without start-up, the search index or the
        // contacts and leads a real import creates; the product path is bench/import/run.
        System.out.printf("partial, in one warm JVM (the product path, start-up included: bench/import/run):%n");
        System.out.printf("  genjin pipeline:   %8.0f msg/s   (embedded H2 store, batch flush + sync every 500, step logs off,"
                + " no search index)%n", imported);
        System.out.printf("  raw Mime4j parse:  %8.0f msg/s   (anchor, same run)%n", raw);
        System.out.printf("  ratio pipeline/raw: %7.2f   (goal >= 0.5)%n", imported / raw);
        importCommands.print(messages);

        heap(work);
    }

    static int writeMbox(Path corpora, Path mbox, int copies) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Stream.of("mime-torture/stalwart-mail-parser", "cjk/letters", "reply-forward/talon",
                "bounce-extra/perl-bounceparser").map(corpora::resolve).filter(Files::isDirectory).flatMap(d -> {
                    try {
                        return Files.walk(d);
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                })) {
            files = walk.filter(p -> p.toString().matches(".*\\.(eml|txt|msg)$") && !p.toString().contains("expected"))
                    .sorted().toList();
        }
        int n = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(mbox))) {
            for (int c = 0; c < copies; c++) {
                for (Path f : files) {
                    String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
                    text = text.replaceFirst("(?im)^message-id:.*\\n", "");
                    out.write(("From bench@genjin Mon Jan  1 00:00:00 2024\nMessage-ID: <bench-" + c + "-" + n + "@genjin.bench>\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.write(text.replaceAll("(?m)^(>*From )", ">$1").getBytes(StandardCharsets.ISO_8859_1));
                    out.write("\n\n".getBytes(StandardCharsets.ISO_8859_1));
                    n++;
                }
            }
        }
        return n;
    }

    static double rawParse(Path mbox) throws Exception {
        long start = System.nanoTime();
        int n = 0;
        MimeConfig config = new MimeConfig.Builder().setMaxHeaderCount(5000).setMaxLineLen(65536).setMaxContentLen(-1).build();
        try (InputStream in = Files.newInputStream(mbox); MboxReader reader = new MboxReader(in, Path.of("/tmp"))) {
            while (reader.hasNext()) {
                RawMail m = reader.next();
                MimeTokenStream stream = new MimeTokenStream(config, DecodeMonitor.SILENT, null);
                try (InputStream body = m.open()) {
                    stream.parse(body);
                    try {
                        for (EntityState s = stream.getState(); s != EntityState.T_END_OF_STREAM; s = stream.next()) {
                            if (s == EntityState.T_BODY) {
                                stream.getDecodedInputStream().transferTo(OutputStream.nullOutputStream());
                            }
                        }
                    } catch (Exception malformed) {
                        // counted all the same
                    }
                }
                n++;
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** Bench-only timing: store round trips by command and collection, as the driver sees them. */
    static final class Commands implements com.mongodb.event.CommandListener {
        final java.util.Map<String, long[]> byKey = new java.util.concurrent.ConcurrentHashMap<>();
        final java.util.Map<Integer, String> pending = new java.util.concurrent.ConcurrentHashMap<>();

        public void commandStarted(com.mongodb.event.CommandStartedEvent e) {
            org.bson.BsonValue target = e.getCommand().get(e.getCommandName());
            pending.put(e.getRequestId(), e.getCommandName() + " " + (target != null && target.isString() ? target.asString().getValue() : ""));
        }

        public void commandSucceeded(com.mongodb.event.CommandSucceededEvent e) {
            done(e.getRequestId(), e.getElapsedTime(java.util.concurrent.TimeUnit.NANOSECONDS));
        }

        public void commandFailed(com.mongodb.event.CommandFailedEvent e) {
            done(e.getRequestId(), e.getElapsedTime(java.util.concurrent.TimeUnit.NANOSECONDS));
        }

        private void done(int id, long nanos) {
            String key = pending.remove(id);
            if (key != null) {
                long[] v = byKey.computeIfAbsent(key, k -> new long[2]);
                synchronized (v) {
                    v[0]++;
                    v[1] += nanos;
                }
            }
        }

        void print(int messages) {
            System.out.printf("  store round trips per message (top 8 by time): %s%n", byKey.entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(Integer.getInteger("bench.top", 8))
                    .map(e -> String.format("%s %.1f× %.2f ms", e.getKey(), e.getValue()[0] / (double) messages,
                            e.getValue()[1] / 1e6 / messages))
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    static Commands lastCommands;

    record Env(MongoServer server, MongoClient client, IngestionPipeline pipeline, String owner) implements AutoCloseable {
        public void close() {
            if (server != null) {
                client.close();
                server.shutdownNow();
            }
        }
    }

    /** The product's embedded store: mongo-java-server over an H2 MVStore file (not an in-heap backend). */
    static Env env(MongoClient remote) throws Exception {
        MongoTemplate mongo = new MongoTemplate(remote, "bench");
        Clock clock = Clock.systemUTC();
        CrmStore store = CrmStore.over(mongo, clock, CrmStore.Backend.EMBEDDED);
        String owner = store.users().create("Rep", List.of("rep@team.example"), Role.REP, null, null, "en").id();
        IngestionPipeline pipeline = new IngestionPipeline(store, MailArchive.over(mongo),
                new LinkMessageToCustomer(store, LinkingPolicy.defaults().withInternalDomains("team.example"), clock),
                Understanding.NONE, ForwardedMessages.standard(), DomainEvents.NONE, () -> { }, PipelineSettings.defaults(), clock);
        // The client belongs to the caller and the server to another process: Env.close() leaves both.
        return new Env(null, remote, pipeline, owner);
    }

    /** Opened as the app opens its data file; -Dbench.mvCacheMb / -Dbench.mvCommitKb to experiment. */
    static org.h2.mvstore.MVStore mvStore(Path file) {
        var builder = io.genjin.store.embedded.EmbeddedBackend.storeAt(file);
        if (Integer.getInteger("bench.mvCacheMb") != null) {
            builder.cacheSize(Integer.getInteger("bench.mvCacheMb"));
        }
        return builder.open();
    }

    static Env env() throws Exception {
        Path file = Files.createTempFile("genjin-bench", ".mv");
        Files.delete(file);
        file.toFile().deleteOnExit();
        de.bwaldvogel.mongo.backend.h2.H2Backend backend = Boolean.getBoolean("bench.stockBackend")
                ? new de.bwaldvogel.mongo.backend.h2.H2Backend(mvStore(file))
                : new io.genjin.store.embedded.EmbeddedBackend(mvStore(file),
                        Integer.getInteger("bench.mvCommitKb", io.genjin.store.embedded.EmbeddedBackend.COMMIT_BUFFER_KB));
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        lastCommands = new Commands();
        MongoClient client = MongoClients.create(com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString("mongodb://127.0.0.1:" + server.getLocalAddress().getPort()))
                .addCommandListener(lastCommands).build());
        MongoTemplate mongo = new MongoTemplate(client, "bench");
        Clock clock = Clock.systemUTC();
        CrmStore store = CrmStore.over(mongo, clock, CrmStore.Backend.EMBEDDED);
        String owner = store.users().create("Rep", List.of("rep@team.example"), Role.REP, null, null, "en").id();
        IngestionPipeline pipeline = new IngestionPipeline(store, MailArchive.over(mongo),
                new LinkMessageToCustomer(store, LinkingPolicy.defaults().withInternalDomains("team.example"), clock),
                Understanding.NONE, ForwardedMessages.standard(), DomainEvents.NONE,
                // the product's durability: a commit and a sync of the file per flush (per message, or per import batch)
                () -> {
                    backend.commit();
                    backend.getMvStore().sync();
                },
                PipelineSettings.defaults(), clock);
        return new Env(server, client, pipeline, owner);
    }

    static double pipelineImport(Path mbox, Path work) throws Exception {
        try (Env env = env()) {
            long start = System.nanoTime();
            int n = 0;
            int failed = 0;
            // As `genjin import` does: one batch, flushed every 500 messages and at the end.
            try (InputStream in = Files.newInputStream(mbox); MboxReader reader = new MboxReader(in, work);
                    var batch = env.pipeline().batch()) {
                MailSource source = new MailSource.Import(env.owner(), mbox.toString());
                while (reader.hasNext()) {
                    IngestResult r = batch.ingest(reader.next(), source);
                    failed += r.outcome() == IngestResult.Outcome.FAILED ? 1 : 0;
                    n++;
                }
            }
            double rate = n / ((System.nanoTime() - start) / 1e9);
            if (failed > 0) {
                System.out.println("  (" + failed + " failed)");
            }
            return rate;
        }
    }

    static void heap(Path work) throws Exception {
        Path big = work.resolve("big.eml");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(big), 1 << 16)) {
            out.write(("From: Hans <hans@acme-bench.de>\nTo: rep@team.example\nSubject: catalogue\nMessage-ID: <big@acme-bench.de>\n"
                    + "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nsee attached\n--b\n"
                    + "Content-Type: application/octet-stream; name=catalogue.bin\nContent-Transfer-Encoding: base64\n\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Random random = new Random(1);
            byte[] chunk = new byte[57];
            java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
            for (long written = 0; written < 100L * 1024 * 1024; written += 57) {
                random.nextBytes(chunk);
                out.write(b64.encode(chunk));
                out.write('\n');
            }
            out.write("--b--\n".getBytes(StandardCharsets.US_ASCII));
        }
        System.out.printf("100 MB attachment (raw %.0f MB), live-heap growth while ingesting it (goal < 32 MB; -Xmx%dm):%n",
                Files.size(big) / 1e6, Runtime.getRuntime().maxMemory() / (1024 * 1024));
        growth("gateway parse, attachment discarded", () -> {
            try (InputStream in = Files.newInputStream(big)) {
                new io.genjin.gateway.mime.MailParser().parse(in, io.genjin.gateway.mime.AttachmentSink.DISCARD);
            }
            return "parsed";
        });
        // The gateway's own share: the store runs in another JVM, so this heap holds only the
        // pipeline, the parser and the driver (raw and attachment streamed to GridFS over the wire).
        try (RemoteStore remote = RemoteStore.start(work)) {
            try (Env env = env(remote.client())) {
                growth("gateway pipeline, store in another JVM", () -> env.pipeline().ingest(RawMail.of(big),
                        new MailSource.Import(env.owner(), "bench")).outcome().name());
            }
        }
        // The product's embedded setup: pipeline and store (H2 MVStore) in one JVM, so the store's
        // page cache and unsaved pages count too.
        try (Env env = env()) {
            // MVStore cache 8 MB, as the app opens it.
            growth("pipeline + embedded store in one JVM", () -> env.pipeline().ingest(RawMail.of(big),
                    new MailSource.Import(env.owner(), "bench")).outcome().name());
        }
        System.out.println("  (the first two lines are the gateway's own memory; the third adds the embedded store's H2 page"
                + " cache and unsaved pages, which live in the same heap when the app runs with the embedded store)");
        Files.deleteIfExists(big);
    }

    static void growth(String what, java.util.concurrent.Callable<String> work) throws Exception {
        // Live heap: what each collection leaves behind (garbage between collections is not growth).
        java.util.function.LongSupplier live = () -> java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP && p.getCollectionUsage() != null)
                .mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
        long[] peak = {0};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak[0] = Math.max(peak[0], live.getAsLong());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        System.gc();
        Thread.sleep(200);
        long before = live.getAsLong();
        peak[0] = before;
        sampler.start();
        long start = System.nanoTime();
        String outcome = work.call();
        sampler.interrupt();
        sampler.join();
        System.out.printf("  %-40s %-7s %5.1f s  growth %6.1f MB  (live before %.0f MB, peak %.0f MB)%n", what + ":", outcome,
                (System.nanoTime() - start) / 1e9, (peak[0] - before) / 1e6, before / 1e6, peak[0] / 1e6);
    }

    /** The embedded store in a child JVM (this file, run with --serve), for measuring the gateway's heap alone. */
    record RemoteStore(Process process, MongoClient client) implements AutoCloseable {
        static RemoteStore start(Path work) throws Exception {
            Path file = work.resolve("remote.mv");
            Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                    "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", ""),
                    "-cp", System.getProperty("java.class.path"), "bench/mbox/MboxBench.java", "--serve", file.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String port = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
            return new RemoteStore(p, MongoClients.create("mongodb://127.0.0.1:" + port.trim()));
        }

        public void close() {
            client.close();
            process.destroy();
        }
    }

    static void serve(Path file) throws Exception {
        MongoServer server = new MongoServer(new de.bwaldvogel.mongo.backend.h2.H2Backend(mvStore(file)));
        server.bind("127.0.0.1", 0);
        System.out.println(server.getLocalAddress().getPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
