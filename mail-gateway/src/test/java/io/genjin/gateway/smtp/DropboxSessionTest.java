package io.genjin.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailSource.Dropbox.Mode;
import io.genjin.gateway.smtp.KnownSenders.Sender;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dropbox's rules, each driven through a real SMTP session on a free loopback port. */
class DropboxSessionTest {
    private static final Map<String, Sender> USERS = Map.of(
            "li.wei@genjin-trading.cn", new Sender("u-li", List.of("li.wei@genjin-trading.cn", "liwei@163.com")),
            "liwei@163.com", new Sender("u-li", List.of("li.wei@genjin-trading.cn", "liwei@163.com")));
    private static final String MESSAGE = """
            From: Li Wei <li.wei@genjin-trading.cn>
            To: Buyer <buyer@acme-imports.com>
            Subject: Quotation for 2,000 pcs LED panels
            Message-ID: <quote-1@genjin-trading.cn>

            Dear buyer, please find our quotation below.
            .a line that starts with a dot
            """;

    private final RecordingIngestion ingestion = new RecordingIngestion();
    /** How many files the spool directory held while each message was being ingested. */
    private final List<Long> spoolFilesWhileIngesting = new java.util.concurrent.CopyOnWriteArrayList<>();
    @TempDir
    Path spool;
    private SmtpDropbox dropbox;

    private int start(DropboxSettings settings) {
        DropboxSettings spooled = new DropboxSettings(settings.host(), 0, settings.hostname(),
                settings.bccAddresses(), settings.forwardAddresses(), settings.maxMessageBytes(),
                settings.maxConnections(), settings.connectionTimeout(), spool, settings.requireHeaderFrom(),
                settings.allowedNetworks());
        dropbox = new SmtpDropbox(spooled, address -> Optional.ofNullable(USERS.get(address.toLowerCase())),
                (mail, source) -> {
                    try (var files = Files.list(spool)) {
                        spoolFilesWhileIngesting.add(files.count());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return ingestion.ingest(mail, source);
                }).start();
        return dropbox.port();
    }

    private int start() {
        return start(DropboxSettings.defaults(0));
    }

    @AfterEach
    void stop() {
        if (dropbox != null) {
            dropbox.close();
        }
    }

    @Test
    void bccFromAKnownUserIsIngestedOnceThenAcknowledgedWith250() throws IOException {
        try (SmtpClient smtp = SmtpClient.connect(start())) {
            assertThat(smtp.command("MAIL FROM:<Li.Wei@genjin-trading.cn>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<BCC@crm.local>")).startsWith("250");
            assertThat(smtp.data(bytes(MESSAGE))).startsWith("250 2.0.0");
        }
        assertThat(ingestion.ingested()).singleElement().satisfies(m -> {
            assertThat(m.source().mode()).isEqualTo(Mode.BCC);
            assertThat(m.source().ownerUserId()).isEqualTo("u-li");
            assertThat(m.source().envelopeFrom()).isEqualTo("Li.Wei@genjin-trading.cn");
            assertThat(m.source().envelopeRecipients()).containsExactly("bcc@crm.local");
            assertThat(m.text()).contains("Subject: Quotation for 2,000 pcs LED panels")
                    .contains("\r\n.a line that starts with a dot\r\n");
        });
    }

    @Test
    void eightBitChineseMailArrivesByteForByte() throws IOException {
        byte[] gbk = (MESSAGE.replace("Subject: Quotation for 2,000 pcs LED panels", "Subject: 报价单 LED 面板")
                .replace("Dear buyer", "尊敬的客户，您好") ).replace("\n", "\r\n").getBytes(java.nio.charset.Charset.forName("GB18030"));
        try (SmtpClient smtp = SmtpClient.connect(start())) {
            smtp.command("MAIL FROM:<li.wei@genjin-trading.cn> BODY=8BITMIME");
            smtp.command("RCPT TO:<bcc@crm.local>");
            assertThat(smtp.data(gbk)).startsWith("250");
        }
        byte[] received = ingestion.ingested().get(0).bytes();
        // The dropbox adds its Received: trace field on top (RFC 5321 §4.4) and changes nothing else.
        assertThat(new String(received, StandardCharsets.ISO_8859_1)).startsWith("Received: from client.test")
                .endsWith(new String(gbk, StandardCharsets.ISO_8859_1));
    }

    @Test
    void theReplyIsWithheldUntilIngestionReturns() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingIngestion recorder = ingestion;
        dropbox = new SmtpDropbox(DropboxSettings.defaults(0), a -> Optional.ofNullable(USERS.get(a)), (mail, source) -> {
            entered.countDown();
            await(release);
            return recorder.ingest(mail, source);
        }).start();
        try (SmtpClient smtp = SmtpClient.connect(dropbox.port())) {
            smtp.command("MAIL FROM:<li.wei@genjin-trading.cn>");
            smtp.command("RCPT TO:<bcc@crm.local>");
            CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> {
                try {
                    return smtp.data(bytes(MESSAGE));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(reply).isNotDone();
            release.countDown();
            assertThat(reply.get(10, TimeUnit.SECONDS)).startsWith("250");
        }
        assertThat(ingestion.ingested()).hasSize(1);
    }

    @Test
    void aSenderWhoIsNotAUserIsRefusedWith550AndNothingIsIngested() throws IOException {
        try (SmtpClient smtp = SmtpClient.connect(start())) {
            assertThat(smtp.command("MAIL FROM:<stranger@spam.example>")).isEqualTo(
                    "550 5.7.1 <stranger@spam.example> is not a Genjin user; only team members can send to the CRM dropbox");
            assertThat(smtp.command("RCPT TO:<bcc@crm.local>")).startsWith("503");
            assertThat(smtp.command("MAIL FROM:<>")).startsWith("550 5.7.1");
        }
        assertThat(ingestion.ingested()).isEmpty();
    }

    @Test
    void aRecipientThatIsNotADropboxIsRefusedWith550SoNothingIsRelayed() throws IOException {
        try (SmtpClient smtp = SmtpClient.connect(start())) {
            smtp.command("MAIL FROM:<li.wei@genjin-trading.cn>");
            assertThat(smtp.command("RCPT TO:<buyer@acme-imports.com>")).startsWith("550 5.1.1 <buyer@acme-imports.com>: no such dropbox address");
            assertThat(smtp.command("DATA")).startsWith("503");
            assertThat(smtp.command("RSET")).startsWith("250");
            smtp.command("MAIL FROM:<li.wei@genjin-trading.cn>");
            assertThat(smtp.command("RCPT TO:<buyer@acme-imports.com>")).startsWith("550");
            assertThat(smtp.command("RCPT TO:<bcc@crm.local>")).startsWith("250");
            assertThat(smtp.data(bytes(MESSAGE))).startsWith("250");
        }
        assertThat(ingestion.ingested()).singleElement()
                .satisfies(m -> assertThat(m.source().envelopeRecipients()).containsExactly("bcc@crm.local"));
    }

    @Test
    void aBccAndAForwardAddressInOneTransactionIngestOncePerMode() throws IOException {
        try (SmtpClient smtp = SmtpClient.connect(start())) {
            smtp.command("MAIL FROM:<liwei@163.com>");
            assertThat(smtp.command("RCPT TO:<fwd@crm.local>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<bcc@crm.local>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<bcc@crm.local>")).startsWith("250");
            assertThat(smtp.data(bytes(MESSAGE))).startsWith("250");
        }
        assertThat(ingestion.ingested()).extracting(m -> m.source().mode()).containsExactly(Mode.BCC, Mode.FORWARD);
        assertThat(ingestion.ingested()).allSatisfy(m -> {
            assertThat(m.source().ownerUserId()).isEqualTo("u-li");
            assertThat(m.source().envelopeRecipients()).hasSize(1);
            assertThat(m.text()).contains("Quotation for 2,000 pcs");
        });
    }

    @Test
    void aDeclaredSizeOverTheLimitIsRefusedWith552AtMailFrom() throws IOException {
        try (SmtpClient smtp = SmtpClient.connect(start(DropboxSettings.defaults(0).withMaxMessageBytes(1000)))) {
            assertThat(smtp.command("EHLO again.test")).contains("250-SIZE 1000");
            assertThat(smtp.command("MAIL FROM:<li.wei@genjin-trading.cn> SIZE=1001")).startsWith("552");
        }
        assertThat(ingestion.ingested()).isEmpty();
    }

    @Test
    void anUndeclaredOversizeMessageIsRefusedWith552AndTheSessionGoesOn() throws IOException {
        try (SmtpClient smtp = SmtpClient.connect(start(DropboxSettings.defaults(0).withMaxMessageBytes(4000)))) {
            smtp.command("MAIL FROM:<li.wei@genjin-trading.cn>");
            smtp.command("RCPT TO:<bcc@crm.local>");
            String big = MESSAGE + "x".repeat(76).concat("\n").repeat(200);
            assertThat(smtp.data(bytes(big))).isEqualTo("552 5.3.4 Message too big for the CRM dropbox (limit 4000 bytes)");

            assertThat(smtp.command("MAIL FROM:<li.wei@genjin-trading.cn>")).startsWith("250");
            smtp.command("RCPT TO:<bcc@crm.local>");
            assertThat(smtp.data(bytes(MESSAGE))).startsWith("250");
        }
        assertThat(ingestion.ingested()).hasSize(1);
        assertThat(spool).isEmptyDirectory();
    }

    @Test
    void anIngestionFailureAnswers451AndAcknowledgesNothing() throws IOException {
        ingestion.failWith(new IllegalStateException("store unreachable"));
        try (SmtpClient smtp = SmtpClient.connect(start())) {
            smtp.command("MAIL FROM:<li.wei@genjin-trading.cn>");
            smtp.command("RCPT TO:<bcc@crm.local>");
            assertThat(smtp.data(bytes(MESSAGE))).isEqualTo(
                    "451 4.3.0 Temporary failure: the message was not logged; please try again later");

            ingestion.failWith(null);
            assertThat(smtp.command("MAIL FROM:<li.wei@genjin-trading.cn>")).startsWith("250");
            smtp.command("RCPT TO:<bcc@crm.local>");
            assertThat(smtp.data(bytes(MESSAGE))).startsWith("250");
        }
        assertThat(ingestion.ingested()).hasSize(1);
    }

    /**
     * Sessions whose messages arrive while a group is being flushed wait and go through the pipeline
     * together, as one group with one flush; each is answered only after the flush of its own group.
     */
    @Test
    void messagesWaitingTogetherAreIngestedAsOneGroupAndEachIsAnsweredAfterItsGroupsFlush() throws Exception {
        GroupRecorder pipeline = new GroupRecorder();
        pipeline.holdFirstFlush();
        dropbox = new SmtpDropbox(DropboxSettings.defaults(0), a -> Optional.ofNullable(USERS.get(a)), pipeline).start();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            CompletableFuture<String> first = send(clients, "first");
            assertThat(pipeline.flushEntered.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<String>> waiting = List.of(send(clients, "second"), send(clients, "third"),
                    send(clients, "fourth"));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> dropbox.waiting() == 3);
            assertThat(first).as("no reply before the message's flush has returned").isNotDone();
            assertThat(waiting).noneMatch(CompletableFuture::isDone);

            pipeline.releaseFlush.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).startsWith("250");
            for (CompletableFuture<String> reply : waiting) {
                assertThat(reply.get(10, TimeUnit.SECONDS)).startsWith("250");
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(pipeline.calls).hasSize(6).startsWith("ingest first", "flush").endsWith("flush")
                .containsOnlyOnce("ingest second", "ingest third", "ingest fourth");
        assertThat(pipeline.batches).as("one batch, kept open from group to group").hasValue(1);
    }

    /** A flush that fails answers 451 to every message of its group; the next group starts a new batch. */
    @Test
    void aFailedFlushAnswers451ToItsWholeGroupAndTheNextGroupStartsAFreshBatch() throws Exception {
        GroupRecorder pipeline = new GroupRecorder();
        pipeline.holdFirstFlush();
        pipeline.failFirstFlush = true;
        dropbox = new SmtpDropbox(DropboxSettings.defaults(0), a -> Optional.ofNullable(USERS.get(a)), pipeline).start();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            CompletableFuture<String> first = send(clients, "first");
            assertThat(pipeline.flushEntered.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<String> second = send(clients, "second");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> dropbox.waiting() == 1);
            pipeline.releaseFlush.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).startsWith("451 4.3.0");
            assertThat(second.get(10, TimeUnit.SECONDS)).startsWith("250");
        } finally {
            clients.shutdownNow();
        }
        assertThat(pipeline.calls).containsExactly("ingest first", "flush", "close", "ingest second", "flush");
        assertThat(pipeline.batches).hasValue(2);
    }

    private CompletableFuture<String> send(java.util.concurrent.Executor clients, String subject) {
        return CompletableFuture.supplyAsync(() -> {
            try (SmtpClient smtp = SmtpClient.connect(dropbox.port())) {
                smtp.command("MAIL FROM:<li.wei@genjin-trading.cn>");
                smtp.command("RCPT TO:<bcc@crm.local>");
                return smtp.data(bytes(MESSAGE.replace("Quotation for 2,000 pcs LED panels", subject)));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, clients);
    }

    @Test
    void theSpoolFileIsRemovedOnceTheMessageIsAcknowledged() throws IOException {
        try (SmtpClient smtp = SmtpClient.connect(start())) {
            for (int i = 0; i < 3; i++) {
                smtp.command("MAIL FROM:<li.wei@genjin-trading.cn>");
                smtp.command("RCPT TO:<bcc@crm.local>");
                assertThat(smtp.data(bytes(MESSAGE))).startsWith("250");
            }
        }
        assertThat(ingestion.ingested()).hasSize(3);
        assertThat(spool).isEmptyDirectory();
    }

    /**
     * Most mail is held in memory between DATA and the reply, with no file to write, read back and delete;
     * a message over 128 KB goes to a spool file as it arrives (a large one never sits in memory), removed
     * once it is acknowledged. Either way the pipeline gets the bytes as sent.
     */
    @Test
    void aSmallMessageStaysInMemoryAndALargeOneGoesThroughASpoolFile() throws IOException {
        String large = MESSAGE + "0123456789 quotation line of a long price list\n".repeat(4_000);
        try (SmtpClient smtp = SmtpClient.connect(start())) {
            for (String message : List.of(MESSAGE, large)) {
                smtp.command("MAIL FROM:<li.wei@genjin-trading.cn>");
                smtp.command("RCPT TO:<bcc@crm.local>");
                assertThat(smtp.data(bytes(message))).startsWith("250");
            }
        }
        List<String> received = ingestion.ingested().stream().map(m -> m.text().replace("\r\n", "\n")).toList();
        assertThat(received).hasSize(2);
        assertThat(received.get(0)).startsWith("Received: ").endsWith(MESSAGE);
        assertThat(received.get(1)).startsWith("Received: ").endsWith(large);
        assertThat(large.length()).isGreaterThan(SpooledMessage.IN_MEMORY_BYTES);
        assertThat(spoolFilesWhileIngesting).containsExactly(0L, 1L);
        assertThat(spool).isEmptyDirectory();
    }

    @Test
    void spoolFilesLeftByACrashAreSweptAtStartButRecentOnesAreNot() throws IOException {
        Path old = Files.writeString(spool.resolve("msg-1.eml"), "left by a killed process");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path recent = Files.writeString(spool.resolve("msg-2.eml"), "another process's live transaction");
        start();
        assertThat(old).doesNotExist();
        assertThat(recent).exists();
    }

    @Test
    void withTheHeaderCheckOnAFromHeaderThatIsNotTheSendersIsRefused() throws IOException {
        try (SmtpClient smtp = SmtpClient.connect(start(DropboxSettings.defaults(0).withRequireHeaderFrom(true)))) {
            smtp.command("MAIL FROM:<li.wei@genjin-trading.cn>");
            smtp.command("RCPT TO:<bcc@crm.local>");
            String forged = MESSAGE.replace("From: Li Wei <li.wei@genjin-trading.cn>", "From: CEO <boss@acme-imports.com>");
            assertThat(smtp.data(bytes(forged))).startsWith("550 5.7.1 The From: header is not one of the addresses");

            smtp.command("MAIL FROM:<li.wei@genjin-trading.cn>");
            smtp.command("RCPT TO:<bcc@crm.local>");
            String ownOtherAddress = MESSAGE.replace("From: Li Wei <li.wei@genjin-trading.cn>",
                    "From: =?UTF-8?B?5p2O5Lyf?= <LiWei@163.com>");
            assertThat(smtp.data(bytes(ownOtherAddress))).startsWith("250");
        }
        assertThat(ingestion.ingested()).hasSize(1);
    }

    @Test
    void withTheHeaderCheckAReplyQuotingTheCustomersHeaderBlockInItsBodyIsAccepted() throws IOException {
        // SMTP carries lines ending in CRLF: the header block ends at the first CRLF CRLF, and a From: line
        // in the body (Outlook's quoted header block, a forwarded message) is not the message's header.
        try (SmtpClient smtp = SmtpClient.connect(start(DropboxSettings.defaults(0).withRequireHeaderFrom(true)))) {
            smtp.command("MAIL FROM:<li.wei@genjin-trading.cn>");
            smtp.command("RCPT TO:<bcc@crm.local>");
            String reply = MESSAGE + """

                    -----Original Message-----
                    From: Buyer <buyer@acme-imports.com>
                    Message-ID: <not-this-one@acme-imports.com>
                    Subject: Request for quotation
                    """;
            assertThat(smtp.data(bytes(reply))).startsWith("250");
        }
        assertThat(ingestion.ingested()).hasSize(1);
    }

    @Test
    void withTheHeaderCheckASecondFromHeaderNamingSomeoneElseIsRefused() throws IOException {
        // Found by DropboxSessionFuzzTest: the check read the first From: only, the pipeline reads both.
        try (SmtpClient smtp = SmtpClient.connect(start(DropboxSettings.defaults(0).withRequireHeaderFrom(true)))) {
            smtp.command("MAIL FROM:<li.wei@genjin-trading.cn>");
            smtp.command("RCPT TO:<bcc@crm.local>");
            String twoFroms = MESSAGE.replace("To: Buyer", "From: Other <other.address@some.domain>\nTo: Buyer");
            assertThat(smtp.data(bytes(twoFroms))).startsWith("550 5.7.1 The From: header is not one of the addresses");
        }
        assertThat(ingestion.ingested()).isEmpty();
    }

    @Test
    void aClientOutsideTheAllowedNetworksIsRefusedAtTheGreeting() throws IOException {
        int port = start(DropboxSettings.defaults(0).withAllowedNetworks(List.of("10.0.0.0/8", "::1")));
        try (SmtpClient smtp = new SmtpClient(port)) {
            assertThat(smtp.reply()).isEqualTo("554 5.7.1 Your network is not allowed to use the CRM dropbox");
        }
    }

    @Test
    void aClientInsideTheAllowedNetworksIsGreeted() throws IOException {
        int port = start(DropboxSettings.defaults(0).withAllowedNetworks(List.of("127.0.0.0/8")));
        try (SmtpClient smtp = new SmtpClient(port)) {
            assertThat(smtp.reply()).startsWith("220");
        }
    }

    @Test
    void aDuplicateIsDurableTooSoItIsAcknowledgedWith250() throws IOException {
        dropbox = new SmtpDropbox(DropboxSettings.defaults(0), a -> Optional.ofNullable(USERS.get(a)),
                (mail, source) -> new IngestResult(IngestResult.Outcome.DUPLICATE, "quote-1@genjin-trading.cn", "s1",
                        null, null)).start();
        try (SmtpClient smtp = SmtpClient.connect(dropbox.port())) {
            smtp.command("MAIL FROM:<li.wei@genjin-trading.cn>");
            smtp.command("RCPT TO:<bcc@crm.local>");
            assertThat(smtp.data(bytes(MESSAGE))).startsWith("250");
        }
    }

    @Test
    void aStoppedDropboxNoLongerAcceptsConnections() {
        int port = start();
        dropbox.close();
        assertThatThrownBy(() -> new SmtpClient(port).reply()).isInstanceOfAny(IOException.class,
                SocketTimeoutException.class);
        dropbox = null;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
