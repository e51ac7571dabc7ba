package io.genjin.classifier.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.classifier.CorpusTexts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * Where a notice's returned copy starts ({@link PlainBounceReader#originalCopyAt}) is tried at line starts
 * only; it must answer what {@code find()} over every position answers: on notices made for the edges
 * (a marker on the first line, line ends of every kind, a marker at the very end) and on every file of
 * the bounce corpus.
 */
class NoticeHeadTest {
    @Test
    void theReturnedCopyIsFoundWhereFindFindsIt() {
        for (String notice : List.of("", "no marker at all\n", "----- Original message -----\nfirst line is a marker\n"
                        + "text\n----- Original message -----\nsecond\n",
                "Delivery failed.\r\n\r\n------ This is a copy of the message, including all the headers. ------\r\nReturn-Path: <a@b.c>\r\n",
                "Undeliverable\rReturn-Path: <a@b.c>\r", "x\u2028Received: from a\u2029Content-Type: text/plain",
                "Return-Path: <a@b.c>\nReceived: by x\n", "tail\nYour message reads:", "a\r\nb\n\u0085Return-Path: x")) {
            assertSame(notice);
        }
        assertThat(PlainBounceReader.originalCopyAt("Delivery failed.\nReturn-Path: <a@b.c>\n")).isEqualTo(17);
    }

    @Test
    void everyBounceInTheCorpus() {
        if (!CorpusTexts.present("sisimai")) {
            return;
        }
        int cut = 0;
        for (String text : CorpusTexts.of(StandardCharsets.ISO_8859_1, 300_000, "sisimai")) {
            int body = text.indexOf("\n\n");
            cut += assertSame(body < 0 ? text : text.substring(body + 2)) ? 1 : 0;
            assertSame(text);
        }
        assertThat(cut).isGreaterThan(100);
    }

    /** True when the notice has a returned copy after its start. */
    private static boolean assertSame(String notice) {
        int expected = notice.length();
        Matcher m = PlainBounceReader.ORIGINAL_COPY.matcher(notice);
        while (m.find()) {
            if (m.start() > 0) {
                expected = m.start();
                break;
            }
        }
        assertThat(PlainBounceReader.originalCopyAt(notice)).as("returned copy in %s", notice).isEqualTo(expected);
        return expected < notice.length();
    }
}
