package io.genjin.gateway.mbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.gateway.RawMail;
import io.genjin.gateway.mime.Corpora;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MboxReaderTest {
    @TempDir
    Path tmp;

    private List<String> split(String mbox) throws Exception {
        List<String> out = new ArrayList<>();
        try (MboxReader r = new MboxReader(new ByteArrayInputStream(mbox.getBytes(StandardCharsets.UTF_8)), tmp)) {
            while (r.hasNext()) {
                RawMail m = r.next();
                try (InputStream in = m.open()) {
                    out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    @Test
    void splitsOnFromLinesAfterBlankLinesAndUnescapesQuotedFrom() throws Exception {
        List<String> messages = split("""
                From a@b Mon Jan  1 00:00:00 2024
                Subject: one

                hello
                >From here on
                >>From kept one

                From c@d Mon Jan  1 00:00:01 2024
                Subject: two

                a line, then
                From inside a paragraph is not a separator
                """);
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0)).isEqualTo("Subject: one\n\nhello\nFrom here on\n>From kept one\n");
        assertThat(messages.get(1)).contains("From inside a paragraph");
    }

    @Test
    void aSpilledMessageStaysReadableWhileTheNextIsReadAndIsDeletedAfter() throws Exception {
        String big = "x".repeat(1000) + "\n";
        StringBuilder mbox = new StringBuilder();
        for (int m = 0; m < 3; m++) {
            mbox.append("From a@b Mon Jan  1 00:00:00 2024\nSubject: big ").append(m).append("\n\n");
            mbox.append(big.repeat(9 * 1024)).append('\n');
        }
        try (MboxReader r = new MboxReader(new ByteArrayInputStream(mbox.toString().getBytes(StandardCharsets.UTF_8)), tmp)) {
            RawMail first = r.next();
            RawMail second = r.next();
            try (InputStream in = first.open()) {
                assertThat(new String(in.readNBytes(20), StandardCharsets.UTF_8)).isEqualTo("Subject: big 0\n\nxxxx");
            }
            assertThat(Files.list(tmp).count()).as("two spills on disk").isEqualTo(2);
            r.next();
            assertThat(Files.list(tmp).count()).as("the oldest deleted").isEqualTo(2);
            try (InputStream in = second.open()) {
                assertThat(new String(in.readNBytes(14), StandardCharsets.UTF_8)).isEqualTo("Subject: big 1");
            }
        }
        assertThat(Files.list(tmp).count()).as("all deleted at close").isZero();
    }

    @Test
    void sisimaiMboxSplitsIntoItsMessages() throws Exception {
        Path mbox = Corpora.require("sisimai/set-of-emails/mailbox").resolve("mbox-0");
        int count = 0;
        try (MboxReader r = new MboxReader(Files.newInputStream(mbox), tmp)) {
            while (r.hasNext()) {
                r.next();
                count++;
            }
        }
        assertThat(count).isEqualTo(37);
    }
}
