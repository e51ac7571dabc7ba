package io.genjin.app.cli;

import io.genjin.app.mailimport.LocalServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code genjin import} while a server runs on the same data directory: the archive goes to that
 * server's {@code /api/mail-imports} (an .eml folder zipped first), signed in with the secret of its
 * {@link LocalServer} file, and the command follows the import's progress until it is done. The
 * server links with its own settings, and its data file stays with it.
 */
final class LocalHandOff {
    private static final Duration POLL = Duration.ofMillis(300);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final LocalServer server;

    private LocalHandOff(LocalServer server) {
        this.server = server;
    }

    /** The server of this data directory, when its file is there and it answers (a killed one leaves its file). */
    static Optional<LocalHandOff> find(Path dataDir) {
        return LocalServer.read(dataDir).map(LocalHandOff::new).filter(LocalHandOff::answers);
    }

    private boolean answers() {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() < 500;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    int run(Path archive, boolean folder, String owner, PrintStream out) throws IOException, InterruptedException {
        out.println("genjin import: a server runs on this data directory (port " + server.port()
                + "); the archive is imported by it");
        Path upload = folder ? zip(archive) : archive;
        try {
            JsonNode job = post(upload, folder ? "messages.zip" : archive.getFileName().toString(), owner);
            return follow(job.get("id").asString(), out);
        } finally {
            if (folder) {
                Files.deleteIfExists(upload);
            }
        }
    }

    private JsonNode post(Path file, String name, String owner) throws IOException, InterruptedException {
        String boundary = "genjin-" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"owner\"\r\n\r\n" + owner + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name.replace("\"", "")
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(uri("/api/mail-imports"))
                .header("Authorization", "Bearer " + server.secret())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build();
        return answer(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private int follow(String id, PrintStream out) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/mail-imports/" + id))
                .header("Authorization", "Bearer " + server.secret()).build();
        while (true) {
            JsonNode job = answer(http.send(request, HttpResponse.BodyHandlers.ofString()));
            String status = job.path("status").asString();
            JsonNode f = job.path("figures");
            double percent = job.path("percent").asDouble();
            int width = 30;
            int filled = percent < 0 ? 0 : (int) Math.min(width, Math.round(percent * width / 100));
            out.printf("\r[%s%s] %s  %d messages", "#".repeat(filled), " ".repeat(width - filled),
                    percent < 0 ? "  ?%" : String.format("%3.0f%%", percent), f.path("messages").asInt());
            out.flush();
            if (status.equals("DONE") || status.equals("FAILED")) {
                out.println();
                if (status.equals("FAILED")) {
                    throw new IllegalArgumentException(job.path("error").asString());
                }
                out.printf("import: stored %d, duplicates %d, linked %d, held back %d, failed %d%s%n", f.path("stored").asInt(),
                        f.path("duplicates").asInt(), f.path("linked").asInt(), f.path("heldBack").asInt(),
                        f.path("failed").asInt(), f.path("skipped").asInt() > 0 ? ", not mail " + f.path("skipped").asInt() : "");
                for (JsonNode failure : f.path("failures")) {
                    out.println("  failed: " + failure.path("message").asString() + ": " + failure.path("reason").asString());
                }
                out.println("import: the server's decisions are in its log; this import is /api/mail-imports/" + id);
                return f.path("failed").asInt() > 0 ? 1 : 0;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** A refusal (problem details) becomes the one line the command prints. */
    private JsonNode answer(HttpResponse<String> response) {
        JsonNode body = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        if (response.statusCode() >= 300) {
            String detail = body.path("detail").asString("");
            throw new IllegalArgumentException(detail.isBlank() ? "the server answered " + response.statusCode() : detail);
        }
        return body;
    }

    private static Path zip(Path dir) throws IOException {
        Path zip = Files.createTempFile("genjin-eml-", ".zip");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().toLowerCase().endsWith(".eml"))
                    .sorted().toList();
        }
        try (OutputStream raw = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(raw)) {
            out.setLevel(1);
            for (Path file : files) {
                out.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return zip;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
