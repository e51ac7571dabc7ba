package io.genjin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.model.Filters;
import io.genjin.app.support.AppJar;
import io.genjin.app.support.StoreFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import killed mid-file, then run again on the same file and data: the second run finishes, and
 * every message of the file is stored exactly once with its timeline entry on the customer, those
 * without a Message-ID (whose id the pipeline derives from the content) included. The kill lands
 * while the import is writing: after the first messages went through the pipeline, before the end.
 */
class ImportCrashIT {
    private static final String OWNER = "import.rep@genjin.test";
    private static final int MESSAGES = 600;
    private static final int NO_ID_EVERY = 40;
    private static final int LOGGED_BEFORE_KILL = 150;

    @TempDir
    Path work;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void anImportKilledMidFileRunsAgainWithoutDuplicatesOrGaps() throws Exception {
        assumeTrue(AppJar.built(), "no " + AppJar.JAR + ": run through `mvn verify`, which packages first");
        Path mbox = mbox();
        try (AppJar apps = new AppJar(work)) {
            AppJar.Running server = apps.start("server", Map.of("GENJIN_DROPBOX_ENABLED", "false"));
            server.createUser("Import Rep", OWNER);
            server.stop();

            List<String> args = List.of("import", "--mbox", mbox.toString(), "--owner", OWNER);
            Process first = apps.command("import-1", Map.of(), args);
            Path decisions = apps.dataDir().resolve("import.log");
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(50)).until(() -> {
                assertThat(first.isAlive()).as("the import ended before the kill: %s", Files.readString(
                        work.resolve("import-1.log"))).isTrue();
                return checkpoints(decisions) >= LOGGED_BEFORE_KILL;
            });
            first.destroyForcibly().waitFor();
            long atKill = checkpoints(decisions);
            long storedAtKill;
            try (StoreFile store = apps.store()) {
                storedAtKill = store.messages().countDocuments(Filters.regex("subject", "^Import crash "));
            }
            assertThat(storedAtKill).as("killed mid-file").isLessThan(MESSAGES);

            Process second = apps.command("import-2", Map.of(), args);
            assertThat(second.waitFor(5, TimeUnit.MINUTES)).as("second import finishes").isTrue();
            assertThat(second.exitValue()).as(Files.readString(work.resolve("import-2.log"))).isZero();

            try (StoreFile store = apps.store()) {
                Map<String, Integer> copies = new HashMap<>();
                for (Document m : store.messages().find(Filters.regex("subject", "^Import crash "))) {
                    copies.merge(m.getString("subject"), 1, Integer::sum);
                    for (String companyId : m.getList("companyIds", String.class, List.of())) {
                        assertThat(store.collection("activities").countDocuments(Filters.and(
                                Filters.eq("companyId", companyId), Filters.eq("sourceKey", "email:" + m.getString("messageId")))))
                                .as("timeline entry of %s", m.getString("subject")).isEqualTo(1);
                    }
                }
                assertThat(copies).as("messages stored").hasSize(MESSAGES);
                assertThat(copies.values()).as("copies per message").containsOnly(1);
            }
            System.out.printf("import crash test: %d messages in the file; SIGKILL after %d through the pipeline (%d in the"
                    + " store file at the kill); the re-run stored each of the %d exactly once%n", MESSAGES, atKill,
                    storedAtKill, MESSAGES);
        }
    }

    private static long checkpoints(Path decisions) throws IOException {
        if (!Files.exists(decisions)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(decisions, StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains("| checkpoint: ")).count();
        }
    }

    /** Numbered inquiries from one customer; every NO_ID_EVERY-th without a Message-ID. */
    private Path mbox() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < MESSAGES; i++) {
            text.append("From buyer@import-customer.example Mon Nov  2 10:00:00 2026\n")
                    .append("From: Buyer <buyer@import-customer.example>\n")
                    .append("To: Import Rep <").append(OWNER).append(">\n")
                    .append("Subject: Import crash ").append(i).append('\n');
            if (i % NO_ID_EVERY != NO_ID_EVERY - 1) {
                text.append("Message-ID: <import-crash-").append(i).append("@import-customer.example>\n");
            }
            text.append("Date: Mon, 2 Nov 2026 10:").append(String.format("%02d", i % 60)).append(":00 +0800\n\n")
                    .append("Please quote 500 pcs of item ").append(i).append(".\n\n");
        }
        return Files.writeString(work.resolve("inquiries.mbox"), text);
    }
}
