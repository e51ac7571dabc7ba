package io.genjin.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.MVStore;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which commits reach the disk: the file is opened through a scheme that notes every write to it and
 * every sync (fsync) of it, so the order the backend asks for them in is seen as the operating system
 * would get it.
 */
class CommitSyncTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void register() {
        FilePath.register(new Noting());
    }

    @AfterEach
    void forget() {
        Noting.LOG.clear();
    }

    @Test
    void aCommitForAcknowledgedWritesSyncsTheFileAfterWritingItAndAPlainCommitDoesNot() {
        MVStore mv = noted();
        EmbeddedBackend backend = new EmbeddedBackend(mv);
        try {
            insert(backend, "m1");
            Noting.LOG.clear();
            backend.commit();
            assertThat(Noting.LOG).as("the periodic commit writes the file").contains("write")
                    .as("and leaves the disk to the system: nothing was acknowledged on it").doesNotContain("sync");

            insert(backend, "m2");
            Noting.LOG.clear();
            backend.commitDurably();
            List<String> log = new ArrayList<>(Noting.LOG);
            assertThat(log).as("a commit for acknowledged writes writes them").contains("write");
            assertThat(log.get(log.size() - 1)).as("and then syncs the file, after its last write").isEqualTo("sync");

            Noting.LOG.clear();
            backend.commitDurably();
            assertThat(Noting.LOG).as("with nothing new to commit it still syncs (the periodic commit may have"
                    + " written what is not on the disk yet)").endsWith("sync");
        } finally {
            backend.close();
        }
    }

    @Test
    void aStoreServingOtherProcessesSyncsBeforeItAnswersAWrite() {
        MVStore mv = noted();
        EmbeddedBackend backend = new EmbeddedBackend(mv);
        backend.commitBeforeReplying();
        try {
            Noting.LOG.clear();
            insert(backend, "m1");
            List<String> log = new ArrayList<>(Noting.LOG);
            assertThat(log).contains("write");
            assertThat(log.get(log.size() - 1)).as("synced before the answer goes back").isEqualTo("sync");
        } finally {
            backend.close();
        }
    }

    @Test
    void commandsGoOnWhileACommitIsWritten() throws Exception {
        MVStore mv = noted();
        EmbeddedBackend backend = new EmbeddedBackend(mv);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        Hold hold = new Hold(new CountDownLatch(1), new CountDownLatch(1));
        try {
            insert(backend, "before");
            Noting.HOLD.set(hold);
            Future<?> commit = threads.submit(backend::commit);
            assertThat(hold.held().await(10, TimeUnit.SECONDS)).as("the commit is being written").isTrue();

            Future<?> during = threads.submit(() -> insert(backend, "during"));
            during.get(10, TimeUnit.SECONDS);
            assertThat(commit).as("a command ran to its end while the commit's write was held").isNotDone();

            hold.release().countDown();
            commit.get(10, TimeUnit.SECONDS);
        } finally {
            hold.release().countDown();
            Noting.HOLD.set(null);
            threads.shutdownNow();
        }
        backend.close();
    }

    @Test
    void aCommitWhoseWriteFailsOnH2sThreadFailsTheDurableCommitThatWaitedForIt() {
        MVStore mv = noted();
        EmbeddedBackend backend = new EmbeddedBackend(mv);
        try {
            insert(backend, "acknowledged-next");
            Noting.FAIL.set(true);
            assertThatThrownBy(backend::commitDurably)
                    .as("nothing may be acknowledged on a commit that is not in the file")
                    .isInstanceOf(MVStoreException.class);
            assertThat(mv.isClosed()).as("closed, as a commit failing on the caller's thread leaves it").isTrue();
        } finally {
            Noting.FAIL.set(false);
        }
        assertCloses(backend);
    }

    @Test
    void aStoreWhoseBackgroundCommitFailedStillCloses() throws Exception {
        MVStore mv = noted();
        // A commit once a command leaves more than 1 KB unsaved: started by the insert, written on H2's threads.
        EmbeddedBackend backend = new EmbeddedBackend(mv, 1);
        try {
            Noting.FAIL.set(true);
            insert(backend, "x".repeat(4000));
            for (int i = 0; i < 200 && mv.getPanicException() == null; i++) {
                Thread.sleep(50);
            }
            assertThat(mv.getPanicException()).as("the commit's write failed on H2's thread").isNotNull();
        } finally {
            Noting.FAIL.set(false);
        }
        assertCloses(backend);
    }

    /** The store's file opened through {@link Noting}. */
    private MVStore noted() {
        return EmbeddedBackend.storeNamed(Noting.SCHEME + ":" + dir.resolve("genjin.mv")).open();
    }

    /** The backend's close returns (a failure it reports, after the one its commit reported, aside). */
    private static void assertCloses(EmbeddedBackend backend) {
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            try {
                backend.close();
            } catch (RuntimeException failedBefore) {
                // the failure a commit found, reported again
            }
        });
        assertThat(closing).as("the backend's close returns").succeedsWithin(java.time.Duration.ofSeconds(10));
    }

    private static void insert(EmbeddedBackend backend, String id) {
        Document document = new Document("_id", id).append("subject", "报价单 " + id);
        backend.run("genjin", new de.bwaldvogel.mongo.bson.Document("insert", "messages").append("documents",
                List.of(EmbeddedBackend.decode(new org.bson.RawBsonDocument(document, new org.bson.codecs.DocumentCodec())
                        .getByteBuffer().asNIO()))));
    }

    /** Writes held: {@code held} is counted down when one is, and it waits for {@code release}. */
    record Hold(CountDownLatch held, CountDownLatch release) {
    }

    /** H2's file scheme {@value #SCHEME}: the default file system, with every write and sync noted in {@link #LOG}. */
    public static final class Noting extends FilePathWrapper {
        static final String SCHEME = "noting";
        static final Queue<String> LOG = new ConcurrentLinkedQueue<>();
        /** When set, every write says it is held and waits for the release. */
        static final AtomicReference<Hold> HOLD = new AtomicReference<>();
        /** When true, every write fails as a full disk would. */
        static final AtomicBoolean FAIL = new AtomicBoolean();

        /** What a write meets first: a full disk ({@link #FAIL}), or a hold ({@link #HOLD}). */
        static void beforeWrite() throws IOException {
            if (FAIL.get()) {
                throw new IOException("No space left on device");
            }
            Hold hold = HOLD.get();
            if (hold != null) {
                hold.held().countDown();
                try {
                    hold.release().await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public FileChannel open(String mode) throws IOException {
            return new NotedChannel(getBase().open(mode));
        }

        @Override
        public String getScheme() {
            return SCHEME;
        }
    }

    private static final class NotedChannel extends FileBase {
        private final FileChannel base;

        NotedChannel(FileChannel base) {
            this.base = base;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return base.read(dst);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            Noting.LOG.add("write");
            Noting.beforeWrite();
            return base.write(src);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            Noting.LOG.add("write");
            Noting.beforeWrite();
            return base.write(src, position);
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            base.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            base.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            Noting.LOG.add("sync");
            base.force(metaData);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}
