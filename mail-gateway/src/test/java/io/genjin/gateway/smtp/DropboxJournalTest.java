package io.genjin.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.genjin.gateway.MailSource;
import io.genjin.gateway.MailSource.Dropbox.Mode;
import io.genjin.gateway.RawMail;
import io.genjin.gateway.smtp.KnownSenders.Sender;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dropbox's journal of acknowledged mail: what it keeps and gives back, what it refuses to read
 * after a crash cut a record short, and the dropbox around it (through real SMTP sessions): a group
 * answered after its journal write instead of a durable flush of the store, the store made durable at a
 * checkpoint that empties the journal, and a start that ingests what the journal still holds before
 * it listens.
 */
class DropboxJournalTest {
    private static final Map<String, Sender> USERS = Map.of("li.wei@genjin-trading.cn",
            new Sender("u-li", List.of("li.wei@genjin-trading.cn")));
    private static final MailSource.Dropbox BCC = new MailSource.Dropbox(Mode.BCC, "u-li", "Li.Wei@genjin-trading.cn",
            List.of("bcc@crm.local"));
    private static final MailSource.Dropbox FORWARD = new MailSource.Dropbox(Mode.FORWARD, "u-li", "li.wei@genjin-trading.cn",
            List.of("fwd@crm.local", "fwd2@crm.local"));

    @TempDir
    Path dir;
    private SmtpDropbox dropbox;

    @AfterEach
    void stop() {
        if (dropbox != null) {
            dropbox.close();
        }
    }

    @Test
    void whatIsAppendedIsReadBackInOrderWithItsEnvelopeAndEveryByte() throws IOException {
        byte[] large = new byte[300_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31);
        }
        try (DropboxJournal journal = new DropboxJournal(dir)) {
            journal.append(List.of(entry(BCC, "Subject: one\r\n\r\n报价单\r\n".getBytes(StandardCharsets.UTF_8)),
                    entry(FORWARD, large)));
            journal.append(List.of(entry(BCC, "Subject: three\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8))));
        }

        List<DropboxJournal.Entry> read = new DropboxJournal(dir).leftOver();
        assertThat(read).extracting(DropboxJournal.Entry::source).containsExactly(BCC, FORWARD, BCC);
        assertThat(bytes(read.get(0).raw())).isEqualTo("Subject: one\r\n\r\n报价单\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(read.get(1).raw().size()).isEqualTo(large.length);
        assertThat(bytes(read.get(1).raw())).isEqualTo(large);
        assertThat(new String(bytes(read.get(2).raw()), StandardCharsets.UTF_8)).contains("Subject: three");
    }

    @Test
    void aRecordCutShortOrDamagedIsNotReadNorAnythingAfterItInItsFile() throws IOException {
        try (DropboxJournal journal = new DropboxJournal(dir)) {
            journal.append(List.of(entry(BCC, "Subject: kept\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8)),
                    entry(BCC, "Subject: cut\r\n\r\ny\r\n".getBytes(StandardCharsets.UTF_8))));
        }
        Path file = files().get(0);
        long size = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size - 3);
        }
        assertThat(new DropboxJournal(dir).leftOver()).singleElement()
                .satisfies(e -> assertThat(new String(bytes(e.raw()), StandardCharsets.UTF_8)).contains("kept"));

        // A changed byte in the first record's message: its checksum no longer holds, and reading stops there.
        byte[] content = Files.readAllBytes(file);
        int at = new String(content, StandardCharsets.ISO_8859_1).indexOf("kept");
        content[at] = 'K';
        Files.write(file, content);
        assertThat(new DropboxJournal(dir).leftOver()).isEmpty();
    }

    /**
     * A group whose write failed half-way (a disk error, a message that could not be read) was never
     * acknowledged; the groups after it go to a file of their own, since reading stops at a record cut short.
     */
    @Test
    void aGroupWhoseWriteFailedLeavesTheGroupsAfterItReadable() throws IOException {
        RawMail breaksOff = new RawMail() {
            @Override
            public InputStream open() {
                return new InputStream() {
                    private int given;

                    @Override
                    public int read() throws IOException {
                        if (given++ < 100) {
                            return 'x';
                        }
                        throw new IOException("the disk went away");
                    }
                };
            }

            @Override
            public long size() {
                return -1;
            }
        };
        try (DropboxJournal journal = new DropboxJournal(dir)) {
            journal.append(List.of(entry(BCC, message("before"))));
            assertThatThrownBy(() -> journal.append(List.of(new DropboxJournal.Entry(BCC, breaksOff))))
                    .isInstanceOf(IOException.class);
            journal.append(List.of(entry(FORWARD, message("after"))));
        }
        assertThat(new DropboxJournal(dir).leftOver()).extracting(DropboxJournal.Entry::source).containsExactly(BCC, FORWARD);
    }

    @Test
    void aCheckpointLetsGoOfTheFilesNamedBeforeItAndKeepsWhatCameAfter() throws IOException {
        try (DropboxJournal journal = new DropboxJournal(dir)) {
            journal.append(List.of(entry(BCC, "Subject: before\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8))));
            DropboxJournal.Closed closed = journal.rotate();
            journal.append(List.of(entry(BCC, "Subject: after\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8))));
            journal.drop(closed);
        }
        assertThat(new DropboxJournal(dir).leftOver()).singleElement()
                .satisfies(e -> assertThat(new String(bytes(e.raw()), StandardCharsets.UTF_8)).contains("after"));

        // A journal opened over older files writes after them, so they are read first.
        try (DropboxJournal journal = new DropboxJournal(dir)) {
            journal.append(List.of(entry(FORWARD, "Subject: later\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8))));
        }
        assertThat(new DropboxJournal(dir).leftOver()).extracting(DropboxJournal.Entry::source).containsExactly(BCC, FORWARD);
    }

    /**
     * Over a journal, a group is answered 250 once its messages are in the journal: the batch publishes
     * their events, and the store is not flushed for it. A second without mail, the dropbox checkpoints:
     * one flush of the store, and the journal is empty again.
     */
    @Test
    void aGroupIsAnsweredAfterItsJournalWriteAndTheStoreIsFlushedAtTheCheckpoint() throws Exception {
        GroupRecorder pipeline = new GroupRecorder();
        dropbox = new SmtpDropbox(DropboxSettings.defaults(0), a -> Optional.ofNullable(USERS.get(a)), pipeline,
                dir, Duration.ofMinutes(10)).start();
        try (SmtpClient smtp = SmtpClient.connect(dropbox.port())) {
            smtp.command("MAIL FROM:<li.wei@genjin-trading.cn>");
            smtp.command("RCPT TO:<bcc@crm.local>");
            assertThat(smtp.data(message("journaled"))).startsWith("250");
            assertThat(pipeline.calls).containsExactly("ingest journaled", "publish");
            List<DropboxJournal.Entry> held = new DropboxJournal(dir).leftOver();
            assertThat(held).singleElement().satisfies(e -> {
                MailSource.Dropbox source = (MailSource.Dropbox) e.source();
                assertThat(source.mode()).isEqualTo(Mode.BCC);
                assertThat(source.ownerUserId()).isEqualTo("u-li");
                assertThat(source.envelopeRecipients()).containsExactly("bcc@crm.local");
                assertThat(new String(bytes(e.raw()), StandardCharsets.UTF_8)).startsWith("Received: ")
                        .contains("Subject: journaled");
            });

            await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.calls.contains("flush"));
            await().atMost(Duration.ofSeconds(10)).until(() -> new DropboxJournal(dir).leftOver().isEmpty());
            assertThat(pipeline.calls).containsExactly("ingest journaled", "publish", "flush");
        }
    }

    /** What a crash left in the journal is ingested again, in order and with its envelope, before the dropbox listens. */
    @Test
    void aStartIngestsWhatTheJournalHoldsBeforeItListensThenEmptiesIt() throws IOException {
        try (DropboxJournal journal = new DropboxJournal(dir)) {
            journal.append(List.of(entry(BCC, message("left one")), entry(FORWARD, message("left two"))));
        }
        GroupRecorder recording = new GroupRecorder();
        dropbox = new SmtpDropbox(DropboxSettings.defaults(0), a -> Optional.ofNullable(USERS.get(a)), recording, dir,
                Duration.ofSeconds(5));
        assertThat(dropbox.isRunning()).isFalse();
        dropbox.start();
        assertThat(recording.calls).containsExactly("ingest left one", "ingest left two", "close");
        assertThat(recording.sources).extracting(source -> ((MailSource.Dropbox) source).mode()).containsExactly(Mode.BCC, Mode.FORWARD);
        assertThat(new DropboxJournal(dir).leftOver()).isEmpty();
        assertThat(files()).isEmpty();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> listed = Files.list(dir)) {
            return listed.sorted().toList();
        }
    }

    private static byte[] message(String subject) {
        return ("From: Li Wei <li.wei@genjin-trading.cn>\r\nTo: Buyer <buyer@acme-imports.com>\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.replace(' ', '-') + "@genjin-trading.cn>\r\n\r\nPlease find our quotation.\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static DropboxJournal.Entry entry(MailSource.Dropbox source, byte[] raw) {
        return new DropboxJournal.Entry(source, RawMail.of(raw));
    }

    private static byte[] bytes(RawMail raw) {
        try (InputStream in = raw.open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
