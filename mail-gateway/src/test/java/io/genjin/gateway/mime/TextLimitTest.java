package io.genjin.gateway.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A text body is kept up to {@link MimeLimits#maxTextBytes()} decoded bytes: the rest is cut there, with a note. */
class TextLimitTest {
    private static final MimeLimits D = MimeLimits.defaults();
    private static final MimeLimits LIMITS = new MimeLimits(D.maxHeaderCount(), D.maxHeaderLength(), D.maxLineLength(),
            D.maxNesting(), D.maxParts(), 1000);

    @Test
    void aBodyLongerThanTheLimitIsCutAtItAndNoted() throws IOException {
        ParsedMail mail = parse("7bit", "a".repeat(1000) + "b".repeat(20_000));
        assertThat(mail.text()).isEqualTo("a".repeat(1000));
        assertThat(mail.problems()).contains("text part longer than 1000 bytes; cut");
    }

    @Test
    void aBodyOfExactlyTheLimitIsKeptWhole() throws IOException {
        // 998 characters and the body's closing line break: 1,000 bytes.
        ParsedMail mail = parse("7bit", "c".repeat(998));
        assertThat(mail.text()).startsWith("c".repeat(998)).doesNotContain("d");
        assertThat(mail.problems()).noneMatch(p -> p.startsWith("text part longer"));
    }

    @Test
    void theLimitCountsDecodedBytes() throws IOException {
        String text = "d".repeat(999) + "e".repeat(5000);
        ParsedMail mail = parse("base64", Base64.getMimeEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII)));
        assertThat(mail.text()).isEqualTo("d".repeat(999) + "e");
        assertThat(mail.problems()).contains("text part longer than 1000 bytes; cut");
    }

    private static ParsedMail parse(String encoding, String body) throws IOException {
        String raw = "From: a@example.com\r\nTo: b@example.com\r\nSubject: long\r\nMessage-ID: <long@example.com>\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: " + encoding + "\r\n\r\n" + body + "\r\n";
        return new MailParser(LIMITS).parse(new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)), AttachmentSink.DISCARD);
    }
}
