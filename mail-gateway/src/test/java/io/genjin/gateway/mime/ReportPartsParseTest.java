package io.genjin.gateway.mime;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.gateway.mime.ParsedMail.ReportPart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parse keeps what a bounce or feedback verdict reads in a report, and every part still reaches the sink whole. */
class ReportPartsParseTest {
    private static final String REPORT = """
            From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
            To: li@team.example
            Subject: Undelivered Mail Returned to Sender
            Message-ID: <bounce-1@mx.example.net>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

            --b1
            Content-Type: text/plain; charset=us-ascii

            I'm sorry to have to inform you that your message could not be delivered.

            --b1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.net

            Final-Recipient: rfc822; hans@acme-trading.de
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 <hans@acme-trading.de>: Recipient address rejected: User unknown

            --b1
            Content-Type: message/rfc822

            From: Li <li@team.example>
            To: Hans <hans@acme-trading.de>
            Subject: =?UTF-8?B?5oql5Lu3?= quotation
            Message-ID: <quote-7@team.example>

            Dear Hans, please find our quotation.
            --b1--
            """;

    @Test
    void aDeliveryReportsStatusAndTheReturnedMessagesHeaderAreKeptInOrder() throws IOException {
        Map<String, byte[]> stored = new HashMap<>();
        ParsedMail mail = new MailParser().parse(bytes(REPORT), (index, name, type, content) -> {
            stored.put(type, content.readAllBytes());
            return "a" + index;
        });

        assertThat(mail.reportParts()).extracting(ReportPart::type).containsExactly("message/delivery-status", "message/rfc822");
        assertThat(mail.reportParts().get(0).content()).contains("Final-Recipient: rfc822; hans@acme-trading.de")
                .contains("Status: 5.1.1");
        assertThat(mail.reportParts().get(1).content()).isEqualTo("""
                From: Li <li@team.example>
                To: Hans <hans@acme-trading.de>
                Subject: 报价 quotation
                Message-ID: <quote-7@team.example>
                """);
        assertThat(mail.text()).contains("could not be delivered").doesNotContain("Final-Recipient");
        assertThat(new String(stored.get("message/delivery-status"), StandardCharsets.US_ASCII)).contains("Action: failed");
        assertThat(mail.attachments()).extracting(ParsedMail.Attachment::type).contains("message/delivery-status");
    }

    @Test
    void aReportPartLongerThanTheTextLimitReachesTheSinkWholeAndIsReadInPart() throws IOException {
        String status = "Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; hans@acme-trading.de\nAction: failed\n"
                + ("X-Padding: " + "x".repeat(60) + "\n").repeat(MailParser.REPORT_PART_BYTES / 70 + 100);
        String raw = REPORT.replaceFirst("(?s)Reporting-MTA: dns; mx.example.net.*?User unknown\n", java.util.regex.Matcher.quoteReplacement(status));
        Map<String, Integer> sizes = new HashMap<>();
        ParsedMail mail = new MailParser().parse(bytes(raw), (index, name, type, content) -> {
            sizes.put(type, content.readAllBytes().length);
            return "a" + index;
        });

        String read = mail.reportParts().get(0).content();
        assertThat(read).startsWith("Reporting-MTA").contains("Final-Recipient: rfc822; hans@acme-trading.de");
        assertThat(read.length()).isEqualTo(MailParser.REPORT_PART_BYTES);
        assertThat(sizes.get("message/delivery-status")).isGreaterThan(MailParser.REPORT_PART_BYTES);
        assertThat(mail.attachments()).filteredOn(a -> a.type().equals("message/delivery-status"))
                .singleElement().satisfies(a -> assertThat(a.size()).isEqualTo(sizes.get("message/delivery-status").longValue()));
    }

    @Test
    void aMessageWithoutReportsHasNone() throws IOException {
        ParsedMail mail = new MailParser().parse(bytes("From: a@b.example\nSubject: hi\n\nhello\n"), AttachmentSink.DISCARD);
        assertThat(mail.reportParts()).isEmpty();
    }

    private static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }
}
