package io.genjin.app.mailimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.model.Filters;
import io.genjin.app.support.AppJar;
import io.genjin.app.support.Http;
import io.genjin.app.support.Multipart;
import io.genjin.app.support.StoreFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A server killed (SIGKILL) at a random point of a mail import uploaded to it: at the next start the
 * import runs again by itself and ends with every message of the archive stored exactly once, those
 * without a Message-ID included. The kill point is printed with its seed, to replay a failure.
 */
class MailImportCrashIT {
    private static final String OWNER = "mail.import.rep@genjin.test";
    private static final int MESSAGES = 600;
    private static final int NO_ID_EVERY = 40;

    @TempDir
    java.nio.file.Path work;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aServerKilledMidImportResumesItWithoutDuplicatesOrGaps() throws Exception {
        assumeTrue(AppJar.built(), "no " + AppJar.JAR + ": run through `mvn verify`, which packages first");
        long seed = System.nanoTime();
        int killAt = 50 + new Random(seed).nextInt(MESSAGES - 150);
        Map<String, String> env = Map.of("GENJIN_DROPBOX_ENABLED", "false");
        try (AppJar apps = new AppJar(work)) {
            AppJar.Running first = apps.start("server-1", env);
            first.createUser("Mail Import Rep", OWNER);
            Http.Reply accepted = Multipart.upload(first.httpPort(), AppJar.TOKEN, "/api/mail-imports", "inquiries.mbox", mbox(),
                    Map.of("owner", OWNER));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            String id = accepted.json().get("id").asString();
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(20)).until(() -> {
                JsonNode job = first.http().get(AppJar.TOKEN, "/api/mail-imports/" + id).json();
                assertThat(job.get("status").asString()).as("the import ended before the kill").isNotEqualTo("DONE");
                return job.get("figures").get("messages").asInt() >= killAt;
            });
            first.kill();
            long storedAtKill;
            try (StoreFile store = apps.store()) {
                storedAtKill = store.messages().countDocuments(Filters.regex("subject", "^Mail import crash "));
            }

            AppJar.Running second = apps.start("server-2", env);
            JsonNode done = await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200))
                    .until(() -> second.http().get(AppJar.TOKEN, "/api/mail-imports/" + id).json(),
                            j -> !j.get("status").asString().equals("RUNNING") && !j.get("status").asString().equals("QUEUED"));
            assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("DONE");
            assertThat(done.get("runs").asInt()).isEqualTo(2);
            JsonNode f = done.get("figures");
            assertThat(f.get("messages").asInt()).isEqualTo(MESSAGES);
            assertThat(f.get("stored").asInt() + f.get("duplicates").asInt()).isEqualTo(MESSAGES);
            second.stop();

            try (StoreFile store = apps.store()) {
                Map<String, Integer> copies = new HashMap<>();
                for (Document m : store.messages().find(Filters.regex("subject", "^Mail import crash "))) {
                    copies.merge(m.getString("subject"), 1, Integer::sum);
                    for (String companyId : m.getList("companyIds", String.class, List.of())) {
                        assertThat(store.collection("activities").countDocuments(Filters.and(Filters.eq("companyId", companyId),
                                Filters.eq("sourceKey", "email:" + m.getString("messageId")))))
                                .as("timeline entry of %s", m.getString("subject")).isEqualTo(1);
                    }
                }
                assertThat(copies).as("messages stored").hasSize(MESSAGES);
                assertThat(copies.values()).as("copies per message").containsOnly(1);
            }
            System.out.printf("mail import crash test (seed %d): %d messages uploaded; SIGKILL after %d read (%d in the store"
                    + " file at the kill); the restarted server stored each exactly once%n", seed, MESSAGES, killAt,
                    storedAtKill);
        }
    }

    private static byte[] mbox() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < MESSAGES; i++) {
            text.append("From buyer@mail-import-customer.example Mon Nov  2 10:00:00 2026\n")
                    .append("From: Buyer <buyer@mail-import-customer.example>\n")
                    .append("To: Mail Import Rep <").append(OWNER).append(">\n")
                    .append("Subject: Mail import crash ").append(i).append('\n');
            if (i % NO_ID_EVERY != NO_ID_EVERY - 1) {
                text.append("Message-ID: <mail-import-crash-").append(i).append("@mail-import-customer.example>\n");
            }
            text.append("Date: Mon, 2 Nov 2026 10:").append(String.format("%02d", i % 60)).append(":00 +0800\n\n")
                    .append("Please quote 500 pcs of item ").append(i).append(".\n\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
