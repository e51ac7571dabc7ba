package io.genjin.classifier.mime;

import io.genjin.classifier.Email;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class EmlReaderTest {

    private static byte[] concat(String head, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    @Test
    void readWhenGb2312LabelCarriesGbkOnlyCharactersShouldDecodeAsGb18030() {
        String name = Base64.getEncoder().encodeToString("梁祐晟".getBytes(Charset.forName("GBK")));
        Email email = Email.fromEml(("From: =?gb2312?B?" + name + "?= <liang@example.cn>\nSubject: hi\n\nbody\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(email.from()).startsWith("梁祐晟");
    }

    @Test
    void readWhenIso2022JpBodyShouldDecodeItDespiteBeingSevenBit() {
        byte[] body = "見積書を送ります".getBytes(Charset.forName("ISO-2022-JP"));
        Email email = Email.fromEml(concat("Subject: test\nContent-Type: text/plain; charset=ISO-2022-JP\n\n", body));
        assertThat(email.text()).isEqualTo("見積書を送ります");
    }

    @Test
    void readWhenPartHasNoCharsetShouldInheritTheEnclosingMultipartCharset() {
        byte[] gbk = "报价单已发送".getBytes(Charset.forName("GBK"));
        Email email = Email.fromEml(concat("Subject: t\nContent-Type: multipart/mixed; charset=GBK; boundary=B\n\n--B\nContent-Type: text/plain\n\n",
                concat("", concat("", gbk))));
        assertThat(email.text()).startsWith("报价单已发送");
    }

    @Test
    void readWhenAttachmentShouldListItsNameAndKeepItOutOfTheText() {
        Email email = Email.fromEml(("Subject: PI\nContent-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/plain\n\nSee PI.\n"
                + "--B\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"PI-031.pdf\"\n\nJVBER\n--B--\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(email.attachmentNames()).containsExactly("PI-031.pdf");
        assertThat(email.text()).isEqualTo("See PI.");
    }

    @Test
    void readWhenInputIsGarbageShouldNotThrow() {
        Email email = Email.fromEml(new byte[]{0, 1, 2, (byte) 0xff, '\n', '\n', 'x'});
        assertThat(email).isNotNull();
    }

    @Test
    void readWhenMessageHasNoHeaderBlockShouldReadItAllAsBody() {
        Email email = Email.fromEml("\r\nHello,\r\nplease quote 500 pcs.\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(email.text()).isEqualTo("Hello,\r\nplease quote 500 pcs.");
        assertThat(email.headers()).isEmpty();
    }
}
