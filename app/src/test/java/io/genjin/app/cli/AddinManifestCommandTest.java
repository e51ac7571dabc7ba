package io.genjin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddinManifestCommandTest {

    @Test
    void anAdminWritesTheManifestForTheirPublicUrlWithoutStartingTheServer(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = CommandLine.run(new String[] {"addin-manifest", dir.toString(), "--genjin.addin.public-url=https://crm.example.com",
                "--genjin.addin.china=true"}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Files.readString(dir.resolve("manifest.xml")))
                .contains("DefaultValue=\"https://crm.example.com/addin/commands.js\"", "<Id>6f0c7b8e-3f7a-4d1e-9a55-0c1e6a2b9d41</Id>",
                        "<AppDomain>https://login.partner.microsoftonline.cn</AppDomain>");
        assertThat(dir.resolve("icons").resolve("icon-192.png")).isNotEmptyFile();
        assertThat(dir.resolve("icons").resolve("outline-32.png")).isNotEmptyFile();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("https://crm.example.com");
    }

    @Test
    void anIdThatIsNoGuidIsRefusedWithTheReason(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = CommandLine.run(new String[] {"addin-manifest", dir.toString(), "--genjin.addin.id=genjin"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("must be a GUID");
        assertThat(dir.resolve("manifest.xml")).doesNotExist();
    }
}
