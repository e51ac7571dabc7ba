package io.genjin.app.store;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoDriverInformation;
import com.mongodb.client.MongoClient;
import de.bwaldvogel.mongo.MongoServer;
import io.genjin.store.Durability;
import io.genjin.store.embedded.EmbeddedBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded store: mongo-java-server over an H2 MVStore ({@link EmbeddedBackend}), persisted to
 * one file in the data directory and listening on a free loopback port only. This process's own
 * driver reaches it in-process ({@link #client}); the port serves other processes and tools.
 *
 * <p>The backend commits about once a second, between commands; writes that must survive a crash (a
 * message acknowledged to a mail client, an API write) call {@link #flush()}, which commits at once
 * and syncs the file to the disk, so that they survive a crash of the machine or a power cut as well
 * as one of the process. Flushes are grouped: one commit and one sync cover every write whose flush
 * was requested before it began, so concurrent writers share them instead of queueing one each.
 */
public final class EmbeddedMongoServer implements Durability, AutoCloseable {
    private final Path file;
    private final EmbeddedBackend backend;
    private final MongoServer server;
    private final InetSocketAddress address;
    private final InProcessTransport inProcess;
    private final Object commitLock = new Object();
    private final AtomicLong requested = new AtomicLong();
    private long committed;

    public EmbeddedMongoServer(Path dataDir) {
        this(dataDir, "127.0.0.1", 0, false);
    }

    /**
     * The store served to other processes ({@code genjin store}) on {@code host:port}; with
     * {@code commitBeforeReplying} every write is in the file before it is acknowledged.
     */
    public EmbeddedMongoServer(Path dataDir, String host, int port, boolean commitBeforeReplying) {
        this.file = dataDir.toAbsolutePath().normalize().resolve("genjin.mv");
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + file.getParent(), e);
        }
        try {
            backend = new EmbeddedBackend(EmbeddedBackend.storeAt(file).open());
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).toLowerCase().contains("locked")) {
                throw new io.genjin.app.start.StartRefused("the data file " + file + " is in use by another Genjin process",
                        "stop it, or start this one on another data directory (GENJIN_DATA_DIR)", e);
            }
            throw e;
        }
        if (commitBeforeReplying) {
            backend.commitBeforeReplying();
        }
        RefusedCommandFilter.install();
        server = new MongoServer(backend);
        server.bind(host, port);
        address = server.getLocalAddress();
        inProcess = new InProcessTransport(backend);
    }

    /**
     * A driver client for this process whose connections are in-process ({@link InProcessTransport}):
     * the same commands and answers as over the port, without the socket and the server's threads.
     */
    public MongoClient client(MongoClientSettings settings, MongoDriverInformation driver) {
        return inProcess.client(settings, driver);
    }

    /** The store's notice of each write: every write, from this process or over the port, runs in this backend. */
    public io.genjin.store.DocumentChanges changes() {
        return backend;
    }

    public String connectionString(String database) {
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
        return "mongodb://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/" + database;
    }

    public Path file() {
        return file;
    }

    @Override
    public void flush() {
        long ticket = requested.incrementAndGet();
        synchronized (commitLock) {
            if (committed >= ticket) {
                return;
            }
            // Every ticket up to here was taken after its writer's write, so this commit covers them all.
            long upTo = requested.get();
            backend.commitDurably();
            committed = upTo;
        }
    }

    @Override
    public void close() {
        inProcess.close();
        server.shutdownNow();
    }
}
