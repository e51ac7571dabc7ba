package io.genjin.app.cli;

import io.genjin.app.mailimport.LocalServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code genjin import} while a server runs on the same data directory: the archive goes to that
 * server's {@code /api/mail-imports} (an .eml folder zipped first), signed in with the secret of its
 * {@link LocalServer} file, and the command follows the import's progress until it is done. The
 * server links with its own settings, and its data file stays with it.
 */
final class LocalHandOff {
    private static final Duration POLL = Duration.ofMillis(300);
    private final LocalServer server;
    private final RestClient rest;

    private LocalHandOff(LocalServer server) {
        this.server = server;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        this.rest = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(http))
                .baseUrl("http://127.0.0.1:" + server.port())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + server.secret()).build();
    }

    /** The server of this data directory, when its file is there and it answers (a killed one leaves its file). */
    static Optional<LocalHandOff> find(Path dataDir) {
        return LocalServer.read(dataDir).map(LocalHandOff::new).filter(LocalHandOff::answers);
    }

    /** Whatever holds the port must answer the health check within seconds, as the server does. */
    private boolean answers() {
        JdkClientHttpRequestFactory patient = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        patient.setReadTimeout(Duration.ofSeconds(3));
        try {
            return rest.mutate().requestFactory(patient).build().get().uri("/actuator/health")
                    .exchange((request, response) -> !response.getStatusCode().is5xxServerError());
        } catch (RestClientException e) {
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

    /** The archive as multipart/form-data, streamed from the file. */
    private JsonNode post(Path file, String name, String owner) {
        HttpHeaders part = new HttpHeaders();
        part.setContentDisposition(ContentDisposition.formData().name("file").filename(name).build());
        part.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("owner", owner);
        form.add("file", new HttpEntity<>(new FileSystemResource(file), part));
        return answer(rest.post().uri("/api/mail-imports").contentType(MediaType.MULTIPART_FORM_DATA).body(form));
    }

    private int follow(String id, PrintStream out) throws IOException, InterruptedException {
        while (true) {
            JsonNode job = answer(rest.get().uri("/api/mail-imports/{id}", id));
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
    private static JsonNode answer(RestClient.RequestHeadersSpec<?> request) {
        return request.exchange((sent, response) -> {
            JsonNode body = response.bodyTo(JsonNode.class);
            if (response.getStatusCode().value() >= 300) {
                String detail = body == null ? "" : body.path("detail").asString("");
                throw new IllegalArgumentException(
                        detail.isBlank() ? "the server answered " + response.getStatusCode().value() : detail);
            }
            return body == null ? JsonNodeFactory.instance.objectNode() : body;
        });
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
}
