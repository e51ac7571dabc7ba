package io.genjin.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.gateway.RawMail;
import io.genjin.gateway.mbox.MboxReader;
import io.genjin.gateway.mime.AttachmentSink;
import io.genjin.gateway.mime.MailParser;
import io.genjin.gateway.mime.ParsedMail;
import io.genjin.store.linking.LinkingPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated mailbox itself: deterministic, well-formed, every family present, expectations that follow the rules. */
class ExportMailboxTest {
    private static final List<String> FAMILIES = List.of("direct", "free-mail-contact", "thread", "subdomain", "domain-alias",
            "letter-case", "cross-customer-cc", "forwarder-cc", "internal-forward-inline", "internal-forward-attached",
            "colleague-reply", "bcc-sent-copy", "bounce-own-mta", "bounce-cn-hosted", "bounce-customer-mx", "newsletter", "esp",
            "noreply", "platform-notice", "customer-erp", "out-of-office", "new-prospect", "cold-outreach", "look-alike",
            "free-mail-unknown", "internal-only");
    private static final Set<String> NOWHERE = Set.of("newsletter", "esp", "noreply", "platform-notice", "free-mail-unknown", "internal-only");

    private final Scenario scenario = ExportMailbox.generate();

    @Test
    void twoRunsWriteTheSameBytes() {
        Scenario again = ExportMailbox.generate();
        assertThat(again.messages()).hasSameSizeAs(scenario.messages());
        for (int i = 0; i < scenario.messages().size(); i++) {
            assertThat(again.messages().get(i).raw()).isEqualTo(scenario.messages().get(i).raw());
            assertThat(again.messages().get(i).expected()).isEqualTo(scenario.messages().get(i).expected());
        }
    }

    @Test
    void holdsAboutThreeMonthsOfMailWithUniqueMessageIds() {
        assertThat(scenario.messages()).hasSizeBetween(400, 700);
        assertThat(scenario.messages().stream().map(Scenario.Message::messageId).distinct()).hasSameSizeAs(scenario.messages());
        assertThat(scenario.messages().stream().filter(Scenario.Message::sent).count()).isGreaterThan(100);
        assertThat(scenario.customers()).hasSizeBetween(8, 10);
    }

    @Test
    void everyFamilyHasAtLeastThreeMessages() {
        assertThat(scenario.familyCounts().keySet()).containsExactlyInAnyOrderElementsOf(FAMILIES);
        scenario.familyCounts().forEach((family, count) -> assertThat(count).as(family + " in " + scenario.familyCounts()).isGreaterThanOrEqualTo(3));
    }

    @Test
    void everyMessageParsesWithItsMessageIdAndSender() throws IOException {
        MailParser parser = new MailParser();
        for (Scenario.Message m : scenario.messages()) {
            ParsedMail mail = parser.parse(new ByteArrayInputStream(m.raw()), AttachmentSink.DISCARD);
            assertThat(mail.messageId()).as(m.family()).isEqualTo(m.messageId());
            assertThat(mail.sender()).as(m.messageId()).isNotNull();
            assertThat(mail.subject()).as(m.messageId()).isNotBlank().doesNotContain("=?", "\uFFFD");
            assertThat(mail.problems()).as(m.messageId()).isEmpty();
        }
    }

    @Test
    void expectedLinksNameOnlyCustomersAndBusinessDomainsOnTheMessage() throws IOException {
        MailParser parser = new MailParser();
        LinkingPolicy policy = LinkingPolicy.defaults();
        Set<String> customerKeys = new HashSet<>();
        scenario.customers().forEach(c -> {
            customerKeys.add(c.key());
            c.domains().forEach(d -> assertThat(policy.isFreeMail(d)).as(d).isFalse());
        });
        for (Scenario.Message m : scenario.messages()) {
            if (NOWHERE.contains(m.family())) {
                assertThat(m.expected()).as(m.messageId()).isEmpty();
            }
            ParsedMail mail = parser.parse(new ByteArrayInputStream(m.raw()), AttachmentSink.DISCARD);
            Set<String> domains = new HashSet<>();
            Stream.of(mail.from(), mail.to(), mail.cc()).flatMap(List::stream)
                    .forEach(a -> domains.add(a.address().substring(a.address().indexOf('@') + 1).toLowerCase(Locale.ROOT)));
            for (String key : m.expected()) {
                if (key.startsWith(Scenario.Keys.LEAD)) {
                    String domain = key.substring(Scenario.Keys.LEAD.length());
                    assertThat(domains).as(m.messageId()).contains(domain);
                    assertThat(policy.isFreeMail(domain)).as(domain).isFalse();
                    assertThat(domain).isNotEqualTo(scenario.internalDomain());
                } else {
                    assertThat(customerKeys).as(m.messageId()).contains(key);
                }
            }
        }
    }

    @Test
    void mboxReadsBackAsTheSameMessagesInDateOrder(@TempDir Path dir) throws IOException {
        Path mbox = dir.resolve("export.mbox");
        ScenarioFiles.writeMbox(scenario, mbox);
        ScenarioFiles.writeExpected(scenario, dir.resolve("export.mbox.expected.json"));
        List<String> ids = new ArrayList<>();
        List<byte[]> read = new ArrayList<>();
        MailParser parser = new MailParser();
        try (InputStream in = java.nio.file.Files.newInputStream(mbox); MboxReader reader = new MboxReader(in, dir)) {
            while (reader.hasNext()) {
                RawMail raw = reader.next();
                ByteArrayOutputStream copy = new ByteArrayOutputStream();
                try (InputStream m = raw.open()) {
                    m.transferTo(copy);
                }
                read.add(copy.toByteArray());
                ids.add(parser.parse(new ByteArrayInputStream(copy.toByteArray()), AttachmentSink.DISCARD).messageId());
            }
        }
        assertThat(ids).containsExactlyElementsOf(scenario.messages().stream().map(Scenario.Message::messageId).toList());
        // mboxrd: a body line starting "From " is written as ">From " and read back as it was.
        assertThat(java.nio.file.Files.readString(mbox, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("\n>From the editor:");
        for (int i = 0; i < read.size(); i++) {
            String lf = new String(scenario.messages().get(i).raw(), java.nio.charset.StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
            assertThat(new String(read.get(i), java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo(lf);
        }
        assertThat(scenario.messages()).isSortedAccordingTo(java.util.Comparator.comparing(Scenario.Message::date));
        assertThat(java.nio.file.Files.readString(dir.resolve("export.mbox.expected.json"))).contains("\"lead:greenleaf-lighting.co.uk\"");
    }
}
