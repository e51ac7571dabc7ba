package io.genjin.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.genjin.app.GenjinApplication;
import io.genjin.app.support.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The store the app runs on: the embedded one survives a restart; MONGODB_URI switches to another server. */
class StoreSelectionTest {
    private static final String TOKEN = "store-selection-token-0123456789";

    @TempDir
    Path dataDir;

    @Test
    void companyCreatedThroughTheApiIsStillThereAfterARestart() {
        String id;
        try (ConfigurableApplicationContext app = start("--genjin.store.data-dir=" + dataDir)) {
            Http http = http(app);
            var created = http.post(TOKEN, "/api/companies", Map.of("name", "Durable Co", "domains", List.of("durable.example")));
            assertThat(created.status()).isEqualTo(201);
            id = created.json().get("id").asString();
        }
        assertThat(dataDir.resolve("genjin.mv")).exists();
        try (ConfigurableApplicationContext app = start("--genjin.store.data-dir=" + dataDir)) {
            var card = http(app).get(TOKEN, "/api/companies/" + id);
            assertThat(card.status()).isEqualTo(200);
            assertThat(card.json().at("/company/name").asString()).isEqualTo("Durable Co");
        }
    }

    @Test
    void mongodbUriUsesThatServerAndStartsNothingEmbedded() throws Exception {
        MongoServer external = new MongoServer(new MemoryBackend());
        try {
            external.bind("127.0.0.1", 0);
            String uri = "mongodb://127.0.0.1:" + external.getLocalAddress().getPort() + "/genjin_external";
            try (ConfigurableApplicationContext app = start("--genjin.store.mongodb-uri=" + uri,
                    "--genjin.store.data-dir=" + dataDir, "--genjin.mailbox.secret-key=" + MAILBOX_KEY,
                    "--genjin.tracking.key=" + TRACKING_KEY, PUBLIC, UNSUBSCRIBE)) {
                Http http = http(app);
                assertThat(http.post(TOKEN, "/api/companies", Map.of("name", "External Co")).status()).isEqualTo(201);
                var health = http.get(TOKEN, "/actuator/health");
                assertThat(health.json().at("/components/store/details/kind").asString()).isEqualTo("mongodb");
            }
            try (var files = Files.list(dataDir)) {
                assertThat(files).isEmpty();
            }
            try (var client = com.mongodb.client.MongoClients.create(
                    "mongodb://127.0.0.1:" + external.getLocalAddress().getPort())) {
                assertThat(client.getDatabase("genjin_external").getCollection("companies").countDocuments()).isEqualTo(1);
                // The relay's self-signed key store is kept in the database (shared by replicas), not on disk.
                assertThat(client.getDatabase("genjin_external").getCollection("relay_keys").countDocuments()).isEqualTo(1);
            }
        } finally {
            external.shutdownNow();
        }
    }

    @Test
    void mongodbUriWithoutAMailboxSecretKeyRefusesToStart() {
        MongoServer external = new MongoServer(new MemoryBackend());
        try {
            external.bind("127.0.0.1", 0);
            String uri = "mongodb://127.0.0.1:" + external.getLocalAddress().getPort() + "/genjin_nokey";
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> start("--genjin.store.mongodb-uri=" + uri,
                            "--genjin.store.data-dir=" + dataDir, "--genjin.mailbox.secret-key=",
                            "--genjin.tracking.key=" + TRACKING_KEY, PUBLIC, UNSUBSCRIBE))
                    .hasStackTraceContaining("GENJIN_SECRET_KEY");
            // A store on another machine: public URLs must be public (the check refuses before anything connects).
            String elsewhere = "mongodb://store.factory-mail.cn:27017/genjin_nokey";
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> start("--genjin.store.mongodb-uri=" + elsewhere,
                            "--genjin.store.data-dir=" + dataDir, "--genjin.mailbox.secret-key=" + MAILBOX_KEY,
                            "--genjin.tracking.key=" + TRACKING_KEY, "--genjin.tracking.base-url=http://localhost:8080",
                            UNSUBSCRIBE))
                    .hasStackTraceContaining("GENJIN_TRACKING_BASE_URL (genjin.tracking.base-url) is http://localhost:8080");
        } finally {
            external.shutdownNow();
        }
    }

    private static final String MAILBOX_KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);

    // Real-looking public addresses: the real path refuses loopback and example names. Nothing connects to them.
    private static final String PUBLIC = "--genjin.tracking.base-url=https://t.factory-mail.cn";
    private static final String UNSUBSCRIBE = "--genjin.sequences.public-url=https://crm.factory-mail.cn";

    private static final String TRACKING_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private static ConfigurableApplicationContext start(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server.port=0";
        all[args.length + 1] = "--genjin.admin-token=" + TOKEN;
        return new SpringApplicationBuilder(GenjinApplication.class).run(all);
    }

    private static Http http(ConfigurableApplicationContext app) {
        return new Http(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
    }
}
