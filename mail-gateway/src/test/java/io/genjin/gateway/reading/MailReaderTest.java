package io.genjin.gateway.reading;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.genjin.store.mail.MailArchive;
import io.genjin.store.message.StoredMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

class MailReaderTest {
    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client;
    private final MailArchive archive;

    MailReaderTest() {
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        archive = MailArchive.over(new MongoTemplate(client, "genjin"));
    }

    @AfterEach
    void close() {
        client.close();
        server.shutdownNow();
    }

    private StoredMessage kept(String messageId, String text) {
        byte[] bytes = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        String key = "sha256-" + Integer.toHexString(text.hashCode());
        archive.raw().keep(key, () -> new ByteArrayInputStream(bytes));
        return message(messageId, key);
    }

    private static StoredMessage message(String messageId, String rawKey) {
        return new StoredMessage("s1", messageId, messageId, null, List.of(), null, null, List.of(), List.of(), "s",
                Instant.EPOCH, "snippet", List.of(), null, List.of(), Instant.EPOCH, null, null, null, null, rawKey, null);
    }

    private static final String REPLY = """
            Message-ID: <p1@example.com>
            From: Anna <anna@example.com>
            Subject: Re: price
            Content-Type: text/html; charset=utf-8

            <p>Thanks, 500 pcs please.</p>
            <div>On Mon, 30 Nov 2026 at 10:00, Li Lei &lt;lilei@team.example&gt; wrote:</div>
            <blockquote>Our price is USD 3.20 per piece.</blockquote>
            """;

    private static io.genjin.gateway.mime.ParsedMail parse(byte[] raw, io.genjin.gateway.mime.MimeLimits limits) throws Exception {
        return new io.genjin.gateway.mime.MailParser(limits).parse(new ByteArrayInputStream(raw),
                io.genjin.gateway.mime.AttachmentSink.DISCARD);
    }

    @Test
    void theSearchIndexsReadingFindsTheStripTheClassifierMadeOfTheSameMessage() throws Exception {
        String mail = """
                Message-ID: <s1@acme-trading.de>
                From: HANS@ACME-TRADING.DE
                Subject: Re: price
                Content-Type: text/plain; charset=utf-8

                Please send 500 pcs.

                Hans Mueller
                Purchasing, Acme Trading GmbH

                On Mon, 30 Nov 2026 at 10:00, Li Lei <lilei@team.example> wrote:
                > Our price is USD 3.20 per piece.
                """;
        byte[] raw = mail.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        io.genjin.gateway.mime.MimeLimits limits = io.genjin.gateway.mime.MimeLimits.defaults();
        io.genjin.gateway.mime.ParsedMail parsed = parse(raw, limits);
        // The pipeline: the classifier strips the message, and the parse is handed to the reader.
        new io.genjin.classifier.EmailUnderstanding().understandToLink(new io.genjin.classifier.Email(parsed.headers(),
                parsed.text(), parsed.html(), List.of(), List.of()));
        MailReader reader = new MailReader(archive.raw(), MailReader.DEFAULT_MAX_BODY_BYTES);
        reader.parsed("sha256-s1", raw.length, limits, parsed);

        MailContent read = reader.read(message("s1@acme-trading.de", "sha256-s1")).orElseThrow();
        io.genjin.classifier.reply.Reply classifiers = new io.genjin.classifier.reply.ReplyStripper().strip(parsed.text(),
                io.genjin.classifier.reply.ReplyStripper.senderOf(parsed.header("from")));
        assertThat(read.reply()).contains("500 pcs").doesNotContain("USD 3.20");
        assertThat(read.reply()).as("the classifier's reply, not one made again").isSameAs(classifiers.textWithSignature());
    }

    @Test
    void aParseHandedOverByThePipelineIsReadAsTheRawWouldBeWithoutReadingTheRaw() throws Exception {
        MailReader reader = new MailReader(archive.raw(), MailReader.DEFAULT_MAX_BODY_BYTES);
        byte[] raw = REPLY.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        MailContent fromRaw = reader.read(kept("p1@example.com", REPLY)).orElseThrow();
        // the pipeline parses with its own limits: a larger body limit, the rest the same
        io.genjin.gateway.mime.MimeLimits d = io.genjin.gateway.mime.MimeLimits.defaults();
        reader.parsed("sha256-never-kept", raw.length, d, parse(raw, d));

        assertThat(reader.read(message("p1@example.com", "sha256-never-kept"))).contains(fromRaw);
        assertThat(fromRaw.reply()).contains("500 pcs");
    }

    @Test
    void aParseIsNotKeptWhenTheReaderMightHaveParsedItOtherwise() throws Exception {
        io.genjin.gateway.mime.MimeLimits d = io.genjin.gateway.mime.MimeLimits.defaults();
        MailReader reader = new MailReader(archive.raw(), 100);
        byte[] raw = REPLY.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        // larger than the reader's body limit: the reader's own parse cuts the body
        reader.parsed("sha256-large", raw.length, d, parse(raw, d));
        MailReader other = new MailReader(archive.raw(), MailReader.DEFAULT_MAX_BODY_BYTES);
        // parsed with other limits than the body's
        other.parsed("sha256-other-limits", raw.length, new io.genjin.gateway.mime.MimeLimits(d.maxHeaderCount(), d.maxHeaderLength(),
                d.maxLineLength(), 1, d.maxParts(), d.maxTextBytes()), parse(raw, d));

        assertThat(reader.read(message("p1@example.com", "sha256-large"))).isEmpty();
        assertThat(other.read(message("p1@example.com", "sha256-other-limits"))).isEmpty();
    }

    /** A message with a long plain body (ASCII) and a PDF of {@code pdfBytes} bytes. */
    private static String withPdf(int bodyChars, int pdfBytes) {
        String line = "Line of the order, item 4711, 500 pcs at USD 3.20 each. ";
        String body = line.repeat(bodyChars / line.length() + 1).substring(0, bodyChars);
        byte[] pdf = new byte[pdfBytes];
        new java.util.Random(7).nextBytes(pdf);
        return "Message-ID: <big@example.com>\nFrom: Anna <anna@example.com>\nSubject: order\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain; charset=us-ascii\n\n"
                + body.replaceAll("(.{70})", "$1\n") + "\n--b\nContent-Type: application/pdf; name=\"q.pdf\"\n"
                + "Content-Transfer-Encoding: base64\n\n"
                + java.util.Base64.getMimeEncoder().encodeToString(pdf) + "\n--b--\n";
    }

    @Test
    void theIndexReadsALargeMessageFromThePipelinesParseAsTheRawWouldBeReadWithThePipelinesLimits() throws Exception {
        io.genjin.gateway.mime.MimeLimits d = io.genjin.gateway.mime.MimeLimits.defaults();
        MailReader reader = new MailReader(archive.raw(), MailReader.DEFAULT_MAX_BODY_BYTES, d);
        // A quotation with its PDF (2 MB of raw), and a long text body (1.5 MB): both over a page's 1 MB.
        for (String mail : List.of(withPdf(2_000, 1_500_000), withPdf(1_500_000, 1_000))) {
            byte[] raw = mail.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
            String key = "sha256-" + Integer.toHexString(mail.hashCode());
            StoredMessage fromRaw = kept("big@example.com", mail);
            MailContent asTheRawReads = reader.readForIndex(fromRaw).orElseThrow();
            // The pipeline's parse of the same raw, handed on under a key whose raw the reader cannot open.
            reader.parsed("sha256-handed-" + key, raw.length, d, parse(raw, d));
            StoredMessage handed = message("big@example.com", "sha256-handed-" + key);

            assertThat(reader.readForIndex(handed)).as("read without the raw, as the raw reads").contains(asTheRawReads);
            assertThat(asTheRawReads.cut()).isFalse();
            assertThat(reader.read(handed)).as("a page reads bodies up to its own limit: not from this parse").isEmpty();
        }
        // The pipeline's limits differ but for the body limit, which the raw is over: not the index's parse.
        byte[] raw = withPdf(2_000, 1_500_000).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        io.genjin.gateway.mime.MimeLimits smaller = d.withMaxTextBytes(1_000_000);
        reader.parsed("sha256-smaller", raw.length, smaller, parse(raw, smaller));
        assertThat(reader.readForIndex(message("big@example.com", "sha256-smaller"))).isEmpty();
    }

    @Test
    void aParseOfARawThatIsMostlyAttachmentsCountsWhatItsBodiesHold() throws Exception {
        io.genjin.gateway.mime.MimeLimits d = io.genjin.gateway.mime.MimeLimits.defaults();
        MailReader reader = new MailReader(archive.raw(), MailReader.DEFAULT_MAX_BODY_BYTES, d);
        byte[] raw = withPdf(2_000, 1_500_000).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        io.genjin.gateway.mime.ParsedMail parsed = parse(raw, d);
        int many = (int) (MailReader.RECENT_RAW_BYTES / raw.length) * 4;
        for (int i = 0; i < many; i++) {
            reader.parsed("sha256-pdf-" + i, raw.length, d, parsed);
        }
        assertThat(reader.readForIndex(message("big@example.com", "sha256-pdf-0"))).as("more raw than the bound, all kept").isPresent();
    }

    @Test
    void theLatestParsesAreKeptUpToTheirRawsSize() throws Exception {
        io.genjin.gateway.mime.MimeLimits d = io.genjin.gateway.mime.MimeLimits.defaults();
        MailReader reader = new MailReader(archive.raw(), d.maxTextBytes());
        long size = MailReader.RECENT_RAW_BYTES / 4;
        // A parse whose body holds as much as its raw: it counts the raw's size.
        String mail = withPdf((int) size / 2, 100);
        byte[] raw = mail.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        io.genjin.gateway.mime.ParsedMail parsed = parse(raw, d);
        for (int i = 0; i < 5; i++) {
            reader.parsed("sha256-" + i, size, d, parsed);
        }

        assertThat(reader.read(message("big@example.com", "sha256-0"))).as("the oldest went").isEmpty();
        assertThat(reader.read(message("big@example.com", "sha256-1"))).isPresent();
        assertThat(reader.read(message("big@example.com", "sha256-4"))).isPresent();
    }

    @Test
    void aReplyShowsItsNewTextAndKeepsTheQuotedHistoryApart() {
        StoredMessage m = kept("r1@example.com", """
                Message-ID: <r1@example.com>
                From: Anna <anna@example.com>
                Subject: Re: price
                Content-Type: text/plain; charset=utf-8

                Thanks, 500 pcs please.

                On Mon, 30 Nov 2026 at 10:00, Li Lei <lilei@team.example> wrote:
                > Our price is USD 3.20 per piece.
                """);

        MailContent content = new MailReader(archive.raw(), MailReader.DEFAULT_MAX_BODY_BYTES).read(m).orElseThrow();

        assertThat(content.reply()).isEqualTo("Thanks, 500 pcs please.");
        assertThat(content.quoted()).contains("Our price is USD 3.20 per piece.");
        assertThat(content.hasHtml()).isFalse();
        assertThat(content.cut()).isFalse();
    }

    @Test
    void anHtmlOnlyMessageIsReadAsTextAndItsHtmlIsKeptForTheFrame() {
        StoredMessage m = kept("h1@example.com", """
                Message-ID: <h1@example.com>
                From: Anna <anna@example.com>
                Content-Type: text/html; charset=utf-8

                <p>Hello <b>there</b></p><script>alert(1)</script>
                """);

        MailContent content = new MailReader(archive.raw(), MailReader.DEFAULT_MAX_BODY_BYTES).read(m).orElseThrow();

        assertThat(content.reply()).isEqualTo("Hello there");
        assertThat(content.html()).contains("<script>");
    }

    @Test
    void aBodyLongerThanTheLimitIsCut() {
        StoredMessage m = kept("big@example.com", """
                Message-ID: <big@example.com>
                From: Anna <anna@example.com>
                Content-Type: text/plain; charset=utf-8

                """ + "word ".repeat(2_000));

        MailContent content = new MailReader(archive.raw(), 1_000).read(m).orElseThrow();

        assertThat(content.cut()).isTrue();
        assertThat(content.reply().length()).isLessThanOrEqualTo(1_000);
    }

    @Test
    void aLongQuotedHistoryIsReadAtTheDefaultLimit() {
        StringBuilder history = new StringBuilder();
        while (history.length() < 1_200_000) {
            history.append("> line ").append(history.length()).append(" of an old conversation about prices\n");
        }
        StoredMessage m = kept("long@example.com", """
                Message-ID: <long@example.com>
                From: Anna <anna@example.com>
                Content-Type: text/plain; charset=utf-8

                Agreed.

                On Mon, 30 Nov 2026 at 10:00, Li Lei <lilei@team.example> wrote:
                """ + history);

        long started = System.nanoTime();
        MailContent content = new MailReader(archive.raw(), MailReader.DEFAULT_MAX_BODY_BYTES).read(m).orElseThrow();
        System.out.printf("read a %d-byte quoted history in %d ms%n", history.length(), (System.nanoTime() - started) / 1_000_000);

        assertThat(content.reply()).isEqualTo("Agreed.");
        assertThat(content.cut()).isTrue();
        assertThat(content.quoted()).startsWith("On Mon, 30 Nov 2026");
    }

    @Test
    void aMessageStoredBeforeItsRawKeyWasRecordedHasNothingToRead() {
        MailReader reader = new MailReader(archive.raw(), MailReader.DEFAULT_MAX_BODY_BYTES);

        assertThat(reader.read(message("old@example.com", null))).isEmpty();
        assertThat(reader.read(message("gone@example.com", "sha256-gone"))).isEmpty();
    }
}
