package io.genjin.app.store;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoDriverInformation;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoSocketWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.internal.Clusters;
import com.mongodb.client.internal.MongoClientImpl;
import com.mongodb.connection.AsyncCompletionHandler;
import com.mongodb.connection.SocketSettings;
import com.mongodb.connection.SslSettings;
import com.mongodb.internal.connection.OperationContext;
import com.mongodb.internal.connection.PowerOfTwoBufferPool;
import com.mongodb.internal.connection.Stream;
import com.mongodb.internal.connection.StreamFactory;
import com.mongodb.internal.connection.StreamFactoryFactory;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import io.genjin.store.embedded.EmbeddedBackend;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The MongoDB driver talking to the embedded store inside this process: a connection is the
 * server's own netty pipeline (mongo-java-server's decoder, handler and encoders) on an
 * {@link EmbeddedChannel}, run on the caller's thread. The driver writes a command, the pipeline
 * answers it before {@code write} returns, and {@code read} hands the answer back.
 *
 * <p>Over the loopback socket a round trip cost about 190 µs (the driver's socket, the server's
 * event loop, two thread hops); the same find answered in-process took about 30 µs, and the
 * pipeline thread of an import makes several such round trips a message. The bytes are the wire
 * protocol's either way, so what the driver and the server see is unchanged; only the socket and
 * the threads are gone. Other processes still reach the store over its loopback port.
 *
 * <p>The driver offers no public hook for its transport; this plugs into its stream factory, an
 * internal interface of the driver version the build pins: a driver that changes its shape fails to
 * compile here, and {@code InProcessTransportTest} checks the behaviour.
 */
final class InProcessTransport implements StreamFactoryFactory {
    private final MongoBackend backend;
    private final ChannelGroup channels = new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE);

    InProcessTransport(MongoBackend backend) {
        this.backend = backend;
    }

    /**
     * A client whose every connection is in-process, built from the settings as the driver builds one;
     * over the product's embedded store its most frequent commands skip the driver too
     * ({@link InProcessCommands}).
     */
    MongoClient client(MongoClientSettings settings, MongoDriverInformation driver) {
        MongoClient client = driverClient(settings, driver);
        return backend instanceof EmbeddedBackend embedded
                ? InProcessCommands.over(client, embedded, settings.getClusterSettings().getHosts().get(0), () -> closed)
                : client;
    }

    /** The same with every command through the driver (tests compare the two). */
    MongoClient driverClient(MongoClientSettings settings, MongoDriverInformation driver) {
        MongoDriverInformation info = MongoDriverInformation.builder(driver).driverName("sync").build();
        return new MongoClientImpl(Clusters.createCluster(settings, info, this), settings, info, this);
    }

    @Override
    public StreamFactory create(SocketSettings socketSettings, SslSettings sslSettings) {
        return Connection::new;
    }

    @Override
    public void close() {
        closed = true;
        channels.close();
    }

    private volatile boolean closed;

    /** One connection: a channel with the server's pipeline, and the answers it wrote, not yet read. */
    private final class Connection implements Stream {
        private final ServerAddress address;
        private final ArrayDeque<ByteBuf> answers = new ArrayDeque<>();
        private EmbeddedChannel channel;
        private volatile boolean closed;

        Connection(ServerAddress address) {
            this.address = address;
        }

        @Override
        public void open(OperationContext operationContext) {
            channel = new EmbeddedChannel(new MongoWireReplyEncoder(), new MongoWireMessageEncoder(),
                    new MongoWireProtocolHandler(), new MongoDatabaseHandler(backend, channels), new MongoExceptionHandler());
        }

        @Override
        public void write(List<org.bson.ByteBuf> buffers, OperationContext operationContext) throws IOException {
            if (closed || !channel.isActive()) {
                throw new MongoSocketWriteException("in-process connection closed", address, new IOException("closed"));
            }
            int size = 0;
            for (org.bson.ByteBuf buffer : buffers) {
                size += buffer.limit();
            }
            ByteBuf request = Unpooled.buffer(size);
            for (org.bson.ByteBuf buffer : buffers) {
                // As the socket stream writes them: the bytes from 0 to the limit.
                request.writeBytes(buffer.asNIO().duplicate().position(0));
            }
            // The server's handler answers before this returns; its encoders leave the bytes outbound.
            // A pending interrupt waits until the command is done: it is meant for this thread's own
            // work, not for the store's file (which an interrupt in the middle of a write would close).
            boolean interrupted = Thread.interrupted();
            try {
                channel.writeInbound(request);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            for (Object answer = channel.readOutbound(); answer != null; answer = channel.readOutbound()) {
                answers.add((ByteBuf) answer);
            }
        }

        @Override
        public org.bson.ByteBuf read(int numBytes, OperationContext operationContext) throws IOException {
            org.bson.ByteBuf out = getBuffer(numBytes);
            ByteBuffer target = out.asNIO();
            target.clear().limit(numBytes);
            while (target.hasRemaining()) {
                ByteBuf answer = answers.peek();
                if (answer == null) {
                    out.release();
                    // The pipeline closes its channel on a failure it cannot answer (its handler logs it).
                    throw new MongoSocketReadException(channel.isActive() ? "no answer to read from the in-process store"
                            : "the in-process store closed the connection", address);
                }
                int take = Math.min(target.remaining(), answer.readableBytes());
                answer.readBytes(target.array(), target.arrayOffset() + target.position(), take);
                target.position(target.position() + take);
                if (!answer.isReadable()) {
                    answers.poll().release();
                }
            }
            target.flip();
            return out;
        }

        @Override
        public org.bson.ByteBuf getBuffer(int size) {
            return PowerOfTwoBufferPool.DEFAULT.getBuffer(size);
        }

        @Override
        public void openAsync(OperationContext operationContext, AsyncCompletionHandler<Void> handler) {
            handler.failed(new UnsupportedOperationException("the in-process store serves the synchronous driver only"));
        }

        @Override
        public void writeAsync(List<org.bson.ByteBuf> buffers, OperationContext operationContext,
                AsyncCompletionHandler<Void> handler) {
            handler.failed(new UnsupportedOperationException("the in-process store serves the synchronous driver only"));
        }

        @Override
        public void readAsync(int numBytes, OperationContext operationContext, AsyncCompletionHandler<org.bson.ByteBuf> handler) {
            handler.failed(new UnsupportedOperationException("the in-process store serves the synchronous driver only"));
        }

        @Override
        public ServerAddress getAddress() {
            return address;
        }

        @Override
        public void close() {
            closed = true;
            if (channel != null) {
                channel.close();
                channel.finishAndReleaseAll();
            }
            answers.forEach(ByteBuf::release);
            answers.clear();
        }

        @Override
        public boolean isClosed() {
            return closed;
        }
    }
}
