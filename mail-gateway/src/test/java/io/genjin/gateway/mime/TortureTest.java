package io.genjin.gateway.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every enmime and nodemailer torture file (bad boundaries, broken base64/QP, unknown charsets,
 * huge text, deep nesting): no exception, no hang, and what is kept stays within the limits.
 */
class TortureTest {

    @Test
    void everyTortureMessageParsesWithinLimits() {
        List<Path> files = new ArrayList<>();
        Path enmime = Corpora.root().resolve("mime-torture/enmime/testdata");
        Path nodemailer = Corpora.root().resolve("mime-torture/nodemailer-mailparser/test/fixtures");
        if (Files.isDirectory(enmime)) {
            files.addAll(Corpora.files(enmime, ".raw"));
        }
        if (Files.isDirectory(nodemailer)) {
            files.addAll(Corpora.files(nodemailer, ".eml"));
        }
        Corpora.require("mime-torture");
        MimeLimits limits = MimeLimits.defaults();
        int withProblems = 0;
        int withText = 0;
        long slowest = 0;
        for (Path file : files) {
            long start = System.nanoTime();
            ParsedMail m = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Corpora.parse(file), file::toString);
            slowest = Math.max(slowest, System.nanoTime() - start);
            assertThat(m).as(file.toString()).isNotNull();
            assertThat(length(m.text()) + length(m.html())).as(file.toString())
                    .isLessThanOrEqualTo(4L * limits.maxTextBytes() * 2);
            assertThat(m.partTypes().size()).as(file.toString()).isLessThanOrEqualTo(limits.maxParts());
            withProblems += m.problems().isEmpty() ? 0 : 1;
            withText += m.text() != null || m.html() != null ? 1 : 0;
        }
        System.out.printf("== golden: torture  %d files parsed, 0 exceptions, %d with text or html, %d with problem notes,"
                + " slowest %d ms%n", files.size(), withText, withProblems, slowest / 1_000_000);
        assertThat(files).hasSizeGreaterThanOrEqualTo(90);
        assertThat(withText).isGreaterThanOrEqualTo(files.size() * 8 / 10);
    }

    private static long length(String s) {
        return s == null ? 0 : s.length();
    }
}
