package io.genjin.app.mailimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Person;
import io.genjin.store.CrmStore;
import io.genjin.store.user.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Mail archives uploaded to the running server: an mbox, .eml files (several parts, and zipped), the
 * .pst samples, refusals as problem details, who may import into whose mailbox, and the same
 * archive twice (all duplicates the second time).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"genjin.dropbox.enabled=false", "genjin.mail-imports.max-size=512KB"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailImportApiTest {
    static final Path PST = Path.of("../mail-gateway/src/test/resources/pst");

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;

    private Http http;
    private Seed seed;
    private Person rep;
    private Person otherRep;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        http = new Http(port);
        seed = new Seed(store);
        rep = seed.person("Mail Import Rep", Role.REP, seed.team("Mail import"), null);
        otherRep = seed.person("Mail Other Rep", Role.REP, seed.team("Mail import B"), null);
        seed.customer("Hamburg Fittings GmbH", "hamburg-fittings.de", rep.user());
    }

    static String message(String id, String from, String subject) {
        return "From: " + from + "\nTo: rep@team.example\nSubject: " + subject + "\nDate: Tue, 3 Nov 2026 09:00:00 +0000\n"
                + "Message-ID: <" + id + ">\n\nPlease quote.\n";
    }

    static byte[] mbox(String... messages) {
        StringBuilder out = new StringBuilder();
        for (String m : messages) {
            out.append("From sender@example Tue Nov  3 09:00:00 2026\n").append(m).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anMboxIsImportedIntoTheUploadersMailboxWithASummaryAndAgainAsDuplicates() throws Exception {
        byte[] mbox = mbox(message("m1@hamburg-fittings.de", "buyer@hamburg-fittings.de", "RFQ flanges"),
                message("m2@gmail.example", "someone.private@gmail.com", "Hello"),
                message("m3@hamburg-fittings.de", "buyer@hamburg-fittings.de", "Re: RFQ flanges"));

        JsonNode done = finished(upload(rep.token(), null, Map.of("archive.mbox", mbox)));

        assertThat(done.get("kind").asString()).isEqualTo("MBOX");
        assertThat(done.get("ownerId").asString()).isEqualTo(rep.user().id());
        JsonNode f = done.get("figures");
        assertThat(f.get("messages").asInt()).isEqualTo(3);
        assertThat(f.get("stored").asInt()).isEqualTo(3);
        assertThat(f.get("linked").asInt()).isEqualTo(2);
        assertThat(f.get("heldBack").asInt()).isEqualTo(1);
        assertThat(f.get("failed").asInt()).isZero();

        JsonNode again = finished(upload(rep.token(), null, Map.of("archive.mbox", mbox))).get("figures");
        assertThat(again.get("duplicates").asInt()).isEqualTo(3);
        assertThat(again.get("stored").asInt()).isZero();
        assertThat(http.get(rep.token(), "/api/mail-imports").json().size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void severalEmlFilesAndAZippedFolderAreImported() throws Exception {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("a.eml", message("eml-a@hamburg-fittings.de", "buyer@hamburg-fittings.de", "Eml A").getBytes(StandardCharsets.UTF_8));
        files.put("b.eml", message("eml-b@hamburg-fittings.de", "buyer@hamburg-fittings.de", "Eml B").getBytes(StandardCharsets.UTF_8));
        JsonNode parts = finished(upload(rep.token(), null, files));
        assertThat(parts.get("kind").asString()).isEqualTo("EML");
        assertThat(parts.get("figures").get("stored").asInt()).isEqualTo(2);

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (String name : List.of("Inbox/1.eml", "Inbox/2.eml", "notes.txt")) {
                out.putNextEntry(new ZipEntry(name));
                out.write(name.endsWith(".eml") ? message("zip-" + name.charAt(6) + "@hamburg-fittings.de",
                        "buyer@hamburg-fittings.de", "Zip " + name).getBytes(StandardCharsets.UTF_8) : new byte[] {'x'});
                out.closeEntry();
            }
        }
        JsonNode zipped = finished(upload(rep.token(), null, Map.of("Inbox.zip", zip.toByteArray())));
        assertThat(zipped.get("figures").get("stored").asInt()).isEqualTo(2);
    }

    @Test
    void aPstIsWalkedAndItsItemsThatAreNotMailAreCountedAsSkipped() throws Exception {
        JsonNode done = finished(upload(rep.token(), null, Map.of("dist-list.pst", Files.readAllBytes(PST.resolve("dist-list.pst")))));
        assertThat(done.get("kind").asString()).isEqualTo("PST");
        assertThat(done.get("figures").get("skipped").asInt()).isPositive();
        assertThat(done.get("figures").get("messages").asInt()).isZero();
    }

    @Test
    void refusalsAreProblemDetailsThatSayWhatToDo() throws Exception {
        Http.Reply password = upload(rep.token(), null, Map.of("secret.pst", Files.readAllBytes(PST.resolve("passworded.pst"))));
        assertThat(password.status()).isEqualTo(400);
        assertThat(password.contentType()).startsWith("application/problem+json");
        assertThat(password.json().get("reason").asString()).isEqualTo("pst-password");
        assertThat(password.json().get("detail").asString()).contains("remove it in Outlook");

        Http.Reply sheet = upload(rep.token(), null, Map.of("customers.csv", "Company,Email\nA,b@c.d\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(sheet.status()).isEqualTo(415);
        assertThat(sheet.json().get("reason").asString()).isEqualTo("not-an-archive");

        Http.Reply empty = upload(rep.token(), null, Map.of("empty.mbox", new byte[0]));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("reason").asString()).isEqualTo("empty");

        byte[] big = mbox(message("big@example.com", "a@example.com", "Big " + "x".repeat(600 * 1024)));
        Http.Reply tooLarge = upload(rep.token(), null, Map.of("big.mbox", big));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("reason").asString()).isEqualTo("too-large");
    }

    @Test
    void onlyAnAdminImportsIntoSomeoneElsesMailbox() throws Exception {
        byte[] mbox = mbox(message("owner-1@hamburg-fittings.de", "buyer@hamburg-fittings.de", "For the other rep"));
        String otherAddress = otherRep.user().addresses().get(0);
        assertThat(upload(rep.token(), otherAddress, Map.of("a.mbox", mbox)).status()).isEqualTo(403);

        JsonNode done = finished(upload(AppTest.ADMIN_TOKEN, otherAddress, Map.of("a.mbox", mbox)));
        assertThat(done.get("ownerId").asString()).isEqualTo(otherRep.user().id());
        assertThat(http.get(rep.token(), "/api/mail-imports/" + done.get("id").asString()).status()).isEqualTo(404);
        assertThat(http.get(AppTest.ADMIN_TOKEN, "/api/mail-imports/" + done.get("id").asString()).status()).isEqualTo(200);
    }

    @Test
    void theLocalServerSecretOpensTheMailImportsOnly(@Autowired io.genjin.app.store.StoreProperties storeProperties) {
        LocalServer local = LocalServer.read(storeProperties.dataDir()).orElseThrow();
        assertThat(local.port()).isEqualTo(port);
        assertThat(Files.isReadable(storeProperties.dataDir().resolve(LocalServer.FILE))).isTrue();
        assertThat(http.get(local.secret(), "/api/mail-imports").status()).isEqualTo(200);
        assertThat(http.get(local.secret(), "/api/users").status()).isEqualTo(401);
        assertThat(http.get(LocalServer.PREFIX + "guessed", "/api/mail-imports").status()).isEqualTo(401);
    }

    JsonNode finished(Http.Reply accepted) {
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.json().get("id").asString();
        String token = accepted.json().get("userId").asString().equals(rep.user().id()) ? rep.token() : AppTest.ADMIN_TOKEN;
        return await().atMost(Duration.ofSeconds(60)).until(() -> http.get(token, "/api/mail-imports/" + id).json(),
                j -> j.get("status").asString().equals("DONE") || j.get("status").asString().equals("FAILED"));
    }

    Http.Reply upload(String token, String owner, Map<String, byte[]> files) throws IOException, InterruptedException {
        String boundary = "----genjin" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getKey()
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.getValue());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        if (owner != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"owner\"\r\n\r\n" + owner + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/mail-imports"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        return new Http.Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }
}
