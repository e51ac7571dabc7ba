package io.genjin.app.cli;

import io.genjin.app.store.EmbeddedMongoServer;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code genjin store}: this process serves the embedded store over the MongoDB wire protocol and does
 * nothing else, so several Genjin processes on one machine (a gateway, a tracking replica, the API)
 * share one book through {@code MONGODB_URI=mongodb://127.0.0.1:PORT/genjin}. Every write is in the
 * data file before it is acknowledged. The server has no authentication: it listens on loopback unless
 * told otherwise, and a wider address is for a private network only (a real MongoDB is the answer
 * beyond one machine).
 */
final class StoreCommand {
    static final int DEFAULT_PORT = 27017;

    private StoreCommand() {
    }

    static int run(List<String> args, PrintStream out) {
        String host = "127.0.0.1";
        int port = DEFAULT_PORT;
        String dataDir = System.getenv().getOrDefault("GENJIN_DATA_DIR", "./data");
        String database = "genjin";
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (arg) {
                case "--host" -> host = required(arg, value);
                case "--port" -> port = port(required(arg, value));
                case "--data-dir" -> dataDir = required(arg, value);
                case "--database" -> database = required(arg, value);
                default -> throw new IllegalArgumentException("unknown option '" + arg
                        + "'; use --host ADDRESS (127.0.0.1) --port N (" + DEFAULT_PORT + ") --data-dir DIR --database NAME");
            }
            i++;
        }
        if (!loopback(host)) {
            out.println("genjin store: WARNING the store has no authentication and listens on " + host
                    + "; keep that address on a private network");
        }
        // One line per client connection and per command otherwise: the server says what matters itself.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        EmbeddedMongoServer server = new EmbeddedMongoServer(Path.of(dataDir), host, port, true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "genjin-store-stop"));
        out.println("genjin store: serving " + server.connectionString(database) + " from " + server.file()
                + "; set MONGODB_URI to it in the other processes; stop with Ctrl-C or SIGTERM");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static String required(String option, String value) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number from 0 to 65535, not '" + value + "'");
        }
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve --host " + host);
        }
    }
}
