package io.genjin.app.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real app jar run as child processes on one data dir, for the crash tests: a SIGKILL skips
 * every shutdown hook and final commit, which no in-process test can imitate. Each start gets a
 * free loopback HTTP port and its own log; {@link #close()} kills whatever is still running.
 * Needs the jar from `package` (failsafe runs after it).
 */
public final class AppJar implements AutoCloseable {
    public static final Path JAR = Path.of("target", "genjin.jar");
    public static final String TOKEN = "crash-it-admin-token-0123456789-abcdef";
    private final Path work;
    private final List<Process> started = new ArrayList<>();

    public AppJar(Path work) {
        this.work = work;
    }

    public static boolean built() {
        return Files.isRegularFile(JAR);
    }

    public Path dataDir() {
        return work.resolve("data");
    }

    /** The store file, for reading once the app is stopped or killed. */
    public StoreFile store() {
        return new StoreFile(dataDir().resolve("genjin.mv"));
    }

    /**
     * Starts the jar on the shared data dir with the admin token and {@code env} (which may name its
     * {@code SERVER_PORT}); returns once it is healthy.
     */
    public Running start(String name, Map<String, String> env) throws IOException {
        int http = env.containsKey("SERVER_PORT") ? Integer.parseInt(env.get("SERVER_PORT")) : freePort();
        Path log = work.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("GENJIN_DATA_DIR", dataDir().toString());
        builder.environment().put("SERVER_PORT", String.valueOf(http));
        builder.environment().put("GENJIN_ADMIN_TOKEN", TOKEN);
        // Test mail servers listen on loopback, which the outbound guard refuses unless allowed.
        builder.environment().put("GENJIN_OUTBOUND_ALLOWEDNETWORKS", "127.0.0.1/32");
        builder.environment().remove("MONGODB_URI");
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        Running app = new Running(process, http, log);
        // Minutes on a loaded machine (other builds on two cores).
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(process.isAlive()).as("app exited: %s", app.logTail()).isTrue();
            return app.healthy();
        });
        return app;
    }

    /**
     * Runs a command of the jar ({@code genjin import ...}) on the shared data dir as a child process,
     * its output in {@code name.log}; the caller waits for it or kills it.
     */
    public Process command(String name, Map<String, String> env, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile());
        builder.environment().put("GENJIN_DATA_DIR", dataDir().toString());
        builder.environment().remove("MONGODB_URI");
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /** A loopback port free now, for a process started next to bind. */
    public static int freePort() throws IOException {
        // Below the system's range of ephemeral ports (32768 and up by default): a port the kernel hands
        // out for a bind to 0 may be given to an outgoing connection (the app's, the test's) between the
        // test picking it and the started app binding it ("Port … was already in use"); one below that
        // range is only ever taken by a bind naming it.
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // another test's, or a server's: try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly().waitFor();
        }
    }

    /** One running app process. */
    public record Running(Process process, int httpPort, Path log) {
        public Http http() {
            return new Http(httpPort);
        }

        boolean healthy() {
            try {
                return http().get(null, "/actuator/health").body().contains("\"UP\"");
            } catch (IllegalStateException notYet) {
                return false;
            }
        }

        /** Creates a REP user with one address; returns the user's id. */
        public String createUser(String name, String address) {
            Http.Reply created = http().post(TOKEN, "/api/users",
                    Map.of("name", name, "addresses", List.of(address), "role", "REP"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            return created.json().get("id").asString();
        }

        /** SIGKILL: no shutdown hook, no final commit. */
        public void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }

        /** SIGTERM and wait, so the store file is closed before a test opens it. */
        public void stop() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("graceful stop: %s", logTail()).isTrue();
        }

        /** How many log lines contain {@code text} so far. */
        public long logLines(String text) {
            try (Stream<String> lines = Files.lines(log)) {
                return lines.filter(l -> l.contains(text)).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public boolean logSays(String text) {
            try {
                return Files.readString(log).contains(text);
            } catch (IOException e) {
                return false;
            }
        }

        public String logTail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
            } catch (IOException e) {
                return "(no log)";
            }
        }
    }
}
