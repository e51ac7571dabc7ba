package io.genjin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code genjin accuracy linking}: scores linking on the generated mailbox and writes it for a person to import. */
class AccuracyCommandTest {
    @TempDir
    Path dir;

    @Test
    void linkingPrintsItsSectionAndWritesTheMailboxWithItsExpectations() throws Exception {
        Path mbox = dir.resolve("export.mbox");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = CommandLine.run(new String[] {"accuracy", "linking", "--misses", "--write-mbox", mbox.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.println(printed); // the figures of the linking in this build, for whoever reads the test log

        assertThat(status).isZero();
        assertThat(printed).containsPattern("linking \\(generated export mailbox, \\d{3} messages\\)")
                .contains("precision", "recall", "unexpected companies", "bounce-own-mta").doesNotContain("failed 1");
        assertThat(Files.size(mbox)).isGreaterThan(100_000);
        assertThat(Files.readString(dir.resolve("export.mbox.expected.json"))).contains("\"family\":\"bcc-sent-copy\"");
    }

    @Test
    void linkingRefusesArgumentsItDoesNotKnow() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CommandLine.run(new String[] {"accuracy", "linking", "--bogus"}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: genjin accuracy linking");
    }
}
