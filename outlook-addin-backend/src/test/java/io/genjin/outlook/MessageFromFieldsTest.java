package io.genjin.outlook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.store.Invalid;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageFromFieldsTest {

    private static String build(String subject, String fromName, String text) {
        return new String(MessageFromFields.build(new MessageFromFields.Fields("<AAMkAD.1@eur.prod.outlook.com>", subject,
                new MessageFromFields.Party("buyer@acme.example", fromName),
                List.of(new MessageFromFields.Party("li.na@team.example", "Li Na")), List.of(),
                Instant.parse("2026-11-30T08:00:00Z"), null, text)), StandardCharsets.US_ASCII);
    }

    @Test
    void theMessageKeepsOutlooksMessageIdAndEncodesWhatIsNotAscii() {
        String m = build("回复: 报价", "王芳", "价格可以");
        assertThat(m).contains("Message-ID: <AAMkAD.1@eur.prod.outlook.com>\r\n")
                .contains("Date: Mon, 30 Nov 2026 08:00:00 +0000\r\n")
                .contains("Subject: =?UTF-8?B?" + Base64.getEncoder().encodeToString("回复: 报价".getBytes(StandardCharsets.UTF_8)))
                .contains("From: =?UTF-8?B?")
                .contains("To: \"Li Na\" <li.na@team.example>\r\n")
                .contains("Content-Type: text/plain; charset=UTF-8\r\n");
        String body = m.substring(m.indexOf("\r\n\r\n") + 4).trim();
        assertThat(new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8)).isEqualTo("价格可以");
    }

    @Test
    void aFieldCannotAddAHeader() {
        String m = build("Hello\r\nBcc: victim@example.com", "Buyer\nX-Evil: 1", "hi");
        assertThat(m).doesNotContain("\r\nBcc:").doesNotContain("\nX-Evil");
    }

    @Test
    void aMessageNeedsASenderAndAMessageId() {
        assertThatThrownBy(() -> MessageFromFields.build(new MessageFromFields.Fields("<x@y>", "s", null, List.of(), List.of(),
                null, null, "t"))).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> MessageFromFields.build(new MessageFromFields.Fields("not an id", "s",
                new MessageFromFields.Party("a@b.example", null), List.of(), List.of(), null, null, "t")))
                .isInstanceOf(Invalid.class);
    }
}
