package io.genjin.gateway.pst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.gateway.pst.PstItem.Attachment;
import io.genjin.gateway.pst.PstItem.Party;
import io.genjin.gateway.pst.PstItem.Recipient;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The item-to-MIME conversion on items built by hand (java-libpst reads .pst files but cannot write
 * them, so a rich mailbox cannot be made as a file here), and the reader on the two sample files.
 */
class PstMimeTest {
    private static final Path SAMPLES = Path.of("src/test/resources/pst");

    @Test
    void itemWithTransportHeadersKeepsThemAndRebuildsTheBody() throws Exception {
        String headers = "Received: from mx.buyer.example by mx.genjin.test; Tue, 3 Nov 2026 09:00:00 +0000\r\n"
                + "From: \"Jane Buyer\" <jane@buyer.example>\r\nTo: rep@genjin.test\r\nSubject: =?UTF-8?B?6K+i5Lu3?= RFQ 40HQ\r\n"
                + "Date: Tue, 3 Nov 2026 09:00:00 +0000\r\nMessage-ID: <rfq-1@buyer.example>\r\n"
                + "Content-Type: multipart/related; boundary=\"gone\"\r\nMIME-Version: 1.0\r\n";
        PstItem item = new PstItem("IPM.Note", headers, "询价 RFQ 40HQ", new Party("Jane Buyer", "jane@buyer.example"),
                List.of(new Recipient(Recipient.Kind.TO, "Rep", "rep@genjin.test")), Instant.parse("2026-11-03T09:00:00Z"),
                "<rfq-1@buyer.example>", null, "Please quote 40HQ.", "<p>Please quote <b>40HQ</b>.</p>",
                List.of(new Attachment("规格.pdf", "application/pdf", null, "%PDF-1.4".getBytes(StandardCharsets.US_ASCII))));

        MimeMessage m = parse(PstMime.of(item));

        assertThat(m.getMessageID()).isEqualTo("<rfq-1@buyer.example>");
        assertThat(m.getHeader("Received")).hasSize(1);
        assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("jane@buyer.example");
        assertThat(m.getSubject()).isEqualTo("询价 RFQ 40HQ");
        assertThat(m.getContentType()).startsWith("multipart/mixed");
        List<String> parts = leaves(m);
        assertThat(parts).containsExactly("text/plain:Please quote 40HQ.", "text/html:<p>Please quote <b>40HQ</b>.</p>",
                "application/pdf:规格.pdf");
    }

    @Test
    void itemComposedInOutlookGetsItsHeadersFromItsFields() throws Exception {
        PstItem item = new PstItem("IPM.Note", null, "Offer", new Party("Rep", "rep@genjin.test"),
                List.of(new Recipient(Recipient.Kind.TO, "Jane", "jane@buyer.example"),
                        new Recipient(Recipient.Kind.CC, "Boss", "/O=EXCHANGE/OU=FIRST/CN=RECIPIENTS/CN=BOSS"),
                        new Recipient(Recipient.Kind.CC, "Li", "li@buyer.example")),
                Instant.parse("2026-11-04T10:00:00Z"), "offer-2@genjin.test", "rfq-1@buyer.example", "Our offer.", null, null);

        MimeMessage m = parse(PstMime.of(item));

        assertThat(m.getMessageID()).isEqualTo("<offer-2@genjin.test>");
        assertThat(m.getHeader("In-Reply-To")[0]).isEqualTo("<rfq-1@buyer.example>");
        assertThat(m.getRecipients(MimeMessage.RecipientType.TO)).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("jane@buyer.example");
        assertThat(m.getRecipients(MimeMessage.RecipientType.CC)).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("li@buyer.example");
        assertThat(m.getSentDate().toInstant()).isEqualTo(Instant.parse("2026-11-04T10:00:00Z"));
        assertThat(m.getContent()).isEqualTo("Our offer.");
    }

    @Test
    void sameItemConvertsToTheSameBytesSoARerunFindsDuplicates() throws Exception {
        PstItem item = new PstItem("IPM.Note", null, "No id", new Party(null, "jane@buyer.example"), null, null, null, null,
                "text", "<p>html</p>", List.of(new Attachment("a.txt", "text/plain", null, new byte[] {'a'})));
        assertThat(PstMime.of(item)).isEqualTo(PstMime.of(item));
        assertThat(parse(PstMime.of(item)).getMessageID()).as("none invented").isNull();
        assertThat(parse(PstMime.of(item)).getHeader("Date")).as("no Date of the moment of conversion either: a re-run"
                + " a second later must give the same bytes").isNull();
    }

    @Test
    void onlyNotesAreMail() {
        assertThat(new PstItem("IPM.Note.SMIME", null, null, null, null, null, null, null, null, null, null).isMail()).isTrue();
        assertThat(new PstItem("IPM.Contact", null, null, null, null, null, null, null, null, null, null).isMail()).isFalse();
        assertThat(new PstItem("IPM.Appointment", null, null, null, null, null, null, null, null, null, null).isMail()).isFalse();
    }

    @Test
    void sampleWithCalendarContactsAndDistributionListHoldsNoMail() throws Exception {
        List<PstItem> items = new ArrayList<>();
        int counted;
        try (PstArchive archive = PstArchive.open(SAMPLES.resolve("dist-list.pst"))) {
            counted = archive.itemCount();
            archive.forEach(items::add);
        }
        assertThat(items).isNotEmpty().noneMatch(PstItem::isMail);
        assertThat(counted).as("the folders' counts, which the progress bar divides by").isEqualTo(items.size());
        assertThat(items).extracting(PstItem::messageClass).anyMatch(c -> c.startsWith("IPM.Contact"))
                .anyMatch(c -> c.startsWith("IPM.Appointment"));
    }

    @Test
    void passwordProtectedSampleIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> PstArchive.open(SAMPLES.resolve("passworded.pst")))
                .isInstanceOfSatisfying(PstArchive.UnreadablePst.class, e -> assertThat(e.reason()).isEqualTo("pst-password"))
                .hasMessageContaining("remove it in Outlook");
    }

    @Test
    void fileThatIsNotAPstIsRefused() {
        assertThatThrownBy(() -> PstArchive.open(Path.of("src/test/resources/pst/README.md")))
                .isInstanceOfSatisfying(PstArchive.UnreadablePst.class, e -> assertThat(e.reason()).isEqualTo("not-a-pst"));
    }

    private static MimeMessage parse(byte[] bytes) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }

    private static List<String> leaves(Part part) throws Exception {
        List<String> out = new ArrayList<>();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                out.addAll(leaves(multipart.getBodyPart(i)));
            }
        } else {
            String type = part.getContentType().split(";")[0].trim().toLowerCase();
            out.add(type + ":" + (part.getFileName() != null ? jakarta.mail.internet.MimeUtility.decodeText(part.getFileName())
                    : part.getContent()));
        }
        return out;
    }
}
