package io.genjin.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpooledMessageTest {
    @TempDir
    Path spool;

    private static String header(String raw) {
        return SpooledMessage.unfoldedHeader(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void theHeaderBlockEndsAtTheFirstEmptyLineWithCrlfOrLfLineEnds() {
        assertThat(header("From: a@x\r\nTo: b@y\r\n\r\nFrom: c@z\r\n")).isEqualTo("From: a@x\nTo: b@y\n");
        assertThat(header("From: a@x\nTo: b@y\n\nFrom: c@z\n")).isEqualTo("From: a@x\nTo: b@y\n");
        assertThat(header("From: a@x\r\n\r\n")).isEqualTo("From: a@x\n");
        assertThat(header("From: a@x")).isEqualTo("From: a@x");
    }

    @Test
    void aFoldedLineIsJoinedWithOneSpace() {
        assertThat(header("Subject: one\r\n two\r\n\t three\r\nFrom: a@x\r\n\r\nbody")).isEqualTo("Subject: one two three\nFrom: a@x\n");
        assertThat(header("From: Li Wei\n    <li.wei@x>\n\n")).isEqualTo("From: Li Wei <li.wei@x>\n");
    }

    @Test
    void aHeaderBlockLongerThanTheFirstBufferIsReadWhole() {
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            raw.append("Received: from relay-").append(i).append(".example.com by mx.example.com\r\n");
        }
        String block = raw.toString().replace("\r\n", "\n");
        assertThat(header(raw + "\r\nbody\r\n")).hasSizeGreaterThan(4096 * 4).isEqualTo(block);
    }

    @Test
    void eightBitBytesSurviveAsLatin1() {
        byte[] raw = {'S', ':', ' ', (byte) 0xE4, (byte) 0xBD, (byte) 0xA0, '\r', '\n', '\r', '\n'};
        assertThat(SpooledMessage.unfoldedHeader(raw).getBytes(StandardCharsets.ISO_8859_1))
                .containsExactly('S', ':', ' ', (byte) 0xE4, (byte) 0xBD, (byte) 0xA0, '\n');
    }

    @Test
    void aSpooledFilesHeaderIsReadAsAnInMemoryOnesIs() throws IOException {
        String body = "x".repeat(SpooledMessage.IN_MEMORY_BYTES + 10);
        String raw = "From: a@x\r\nSubject: big\r\n  one\r\n\r\nFrom: not@header\r\n" + body;
        try (SpooledMessage message = SpooledMessage.receive(
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)), spool, Long.MAX_VALUE)) {
            assertThat(message.spooled()).isTrue();
            assertThat(message.headers()).isEqualTo("From: a@x\nSubject: big one\n");
        }
    }
}
