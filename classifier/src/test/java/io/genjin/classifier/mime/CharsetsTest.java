package io.genjin.classifier.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CharsetsTest {

    @Test
    void strictShouldDecodeTextThatIsValidInTheCharset() {
        String text = "报价单 Quotation №7 – 見積書";
        assertThat(Charsets.strict(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(Charsets.strict("梁祐晟".getBytes(Charset.forName("GBK")), Charsets.GB18030)).isEqualTo("梁祐晟");
        assertThat(Charsets.strict(new byte[0], StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void strictShouldGiveNullForBytesThatAreMalformedOrUnmappable() {
        byte[] gbk = "报价单已发送".getBytes(Charset.forName("GBK"));
        assertThat(Charsets.strict(gbk, StandardCharsets.UTF_8)).isNull();
        // A UTF-8 sequence cut short at the very end is malformed too (found only when the input ends).
        byte[] cut = java.util.Arrays.copyOf("价".getBytes(StandardCharsets.UTF_8), 2);
        assertThat(Charsets.strict(cut, StandardCharsets.UTF_8)).isNull();
        // 0x81 has no character in windows-1252.
        assertThat(Charsets.strict(new byte[] {'a', (byte) 0x81}, Charset.forName("windows-1252"))).isNull();
    }

    @Test
    void strictShouldDecodeTextLongerThanTheDecodersEstimate() {
        // ISO-2022-JP estimates half a character a byte; ASCII under it is one a byte, and the escapes
        // back to ASCII are flushed at the end.
        String text = "Quotation for 2,000 pcs attached, please confirm. ".repeat(20) + "見積書";
        byte[] bytes = text.getBytes(Charset.forName("ISO-2022-JP"));
        assertThat(Charsets.strict(bytes, Charset.forName("ISO-2022-JP"))).isEqualTo(text);
    }
}
