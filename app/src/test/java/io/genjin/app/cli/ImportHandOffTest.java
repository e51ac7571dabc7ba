package io.genjin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.app.mailimport.LocalServer;
import io.genjin.app.store.StoreProperties;
import io.genjin.app.support.AppTest;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Person;
import io.genjin.store.CrmStore;
import io.genjin.store.user.Role;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code genjin import} while a server runs on the same data directory: the command finds it by its
 * {@code local-server} file and the server imports (mbox, and an .eml folder zipped on the way);
 * without that file the data file is in use, and the command says so in one line.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "genjin.dropbox.enabled=false")
class ImportHandOffTest {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
    }

    @Autowired
    CrmStore store;
    @Autowired
    StoreProperties storeProperties;
    @TempDir
    Path work;

    @Test
    void anImportHandsTheArchiveToTheServerRunningOnItsDataDirectory() throws Exception {
        Person rep = new Seed(store).person("Hand Off Rep", Role.REP, null, null);
        Path mbox = Files.writeString(work.resolve("old.mbox"), "From a@b Tue Nov  3 09:00:00 2026\n"
                + "From: buyer@handoff-buyer.example\nTo: rep@team.example\nSubject: One\nMessage-ID: <handoff-1@x>\n\nHi\n\n"
                + "From a@b Tue Nov  3 09:00:00 2026\nFrom: buyer@handoff-buyer.example\nTo: rep@team.example\nSubject: Two\n"
                + "Message-ID: <handoff-2@x>\n\nHi again\n");
        Path eml = Files.createDirectories(work.resolve("eml/Inbox"));
        Files.writeString(eml.resolve("3.eml"), "From: buyer@handoff-buyer.example\nTo: rep@team.example\nSubject: Three\n"
                + "Message-ID: <handoff-3@x>\n\nHi\n");
        String dataDir = "--genjin.store.data-dir=" + storeProperties.dataDir();
        Path local = storeProperties.dataDir().resolve(LocalServer.FILE);
        assertThat(Files.getPosixFilePermissions(local)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ImportCommand.run(List.of("--mbox", mbox.toString(), "--owner", rep.user().addresses().get(0), dataDir),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isZero();
        assertThat(printed).contains("the archive is imported by it").contains("import: stored 2, duplicates 0");

        out.reset();
        code = ImportCommand.run(List.of("--eml", work.resolve("eml").toString(), "--owner", rep.user().addresses().get(0),
                dataDir), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("import: stored 1");

        assertThatThrownBy(() -> ImportCommand.run(List.of("--mbox", mbox.toString(), "--owner", "nobody@nowhere.example",
                dataDir), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("\n");
    }

    @Test
    void withoutTheServersFileTheLockedDataFileIsOneLineSayingWhatToDo() throws Exception {
        Path local = storeProperties.dataDir().resolve(LocalServer.FILE);
        Path aside = work.resolve("aside");
        Files.move(local, aside);
        try {
            Path mbox = Files.writeString(work.resolve("x.mbox"), "From a@b Tue Nov  3 09:00:00 2026\nSubject: x\n\nx\n");
            assertThatThrownBy(() -> ImportCommand.run(List.of("--mbox", mbox.toString(), "--owner", "a@b.example",
                    "--genjin.store.data-dir=" + storeProperties.dataDir()), new PrintStream(new ByteArrayOutputStream())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is in use by another process").hasMessageContaining("start the Genjin server")
                    .hasMessageNotContaining("\n");
        } finally {
            Files.move(aside, local);
        }
    }
}
