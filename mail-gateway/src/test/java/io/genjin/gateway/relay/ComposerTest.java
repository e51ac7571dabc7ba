package io.genjin.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.gateway.RawMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ComposerTest {
    private final Composer composer = new Composer(Clock.fixed(Instant.parse("2026-11-30T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void relatedMailIsTextAndHtmlThenTheImagesTheHtmlNamesByContentId() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        RawMail raw = composer.compose(new RelatedMail("w-1@genjin.weekly", "genjin@crm.example", "Genjin",
                "mia@team.example", "跟进周报：2026-11-23 至 2026-11-29", "Text 中文", "<p>HTML <img src=\"cid:daily@x\"></p>",
                List.of(new RelatedMail.Inline("daily@x", "image/png", png)), Map.of("Auto-Submitted", "auto-generated")));
        MimeMessage message;
        try (InputStream in = raw.open()) {
            message = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertThat(message.getMessageID()).isEqualTo("<w-1@genjin.weekly>");
        assertThat(message.getSubject()).isEqualTo("跟进周报：2026-11-23 至 2026-11-29");
        assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(message.getContentType()).startsWith("multipart/related");
        MimeMultipart related = (MimeMultipart) message.getContent();
        assertThat(related.getCount()).isEqualTo(2);
        MimeMultipart alternative = (MimeMultipart) related.getBodyPart(0).getContent();
        assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("Text 中文");
        assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
        BodyPart image = related.getBodyPart(1);
        assertThat(image.isMimeType("image/png")).isTrue();
        assertThat(image.getHeader("Content-ID")).containsExactly("<daily@x>");
        assertThat(image.getDisposition()).isEqualTo(Part.INLINE);
        try (InputStream in = image.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(png);
        }
    }
}
