package io.genjin.gateway.smtp;

import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.gateway.pipeline.Sources;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.apache.commons.io.input.BoundedInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dropbox's journal of acknowledged mail: each message of a group appended to a file in the data
 * directory and synced to the disk before the group's sessions answer 250, so that the store itself
 * need not be made durable for every group. The store was: a commit of the embedded store writes every
 * page the group's writes touched (the message's, each index's, the reports' and the outbox's), and at a
 * few dozen groups a second that wrote about 33 KB of pages for each message of 3 KB and was about 14 % of
 * the dropbox's CPU. The journal writes the message once, as it came, with its envelope.
 *
 * <p>A message is appended only after the pipeline has stored it (in the store's memory): the journal
 * holds what a crash could take from the store since its last durable commit. A checkpoint
 * ({@link #rotate()}, a durable commit of the store, then {@link #drop}) lets the files written before
 * it go. After a crash, {@link #leftOver()} reads what the files still hold and the dropbox ingests it
 * again before it listens; what the store kept is found a duplicate, the rest is stored, so an
 * acknowledged message is neither lost nor stored twice.
 *
 * <p>A record: a marker, the payload's length and its CRC-32C, then the payload (the envelope, as the
 * error store keeps a source: {@link Sources}; then the raw message). A record cut short by a crash was never
 * acknowledged (its group's sync had not returned): reading stops there. Not thread-safe: the dropbox's
 * one ingest thread writes it.
 */
final class DropboxJournal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DropboxJournal.class);
    private static final int MARK = 0x474a4a31; // "GJJ1"
    private static final int HEADER = 16;
    private static final String PREFIX = "dropbox-";
    private static final String SUFFIX = ".journal";
    private final Path dir;
    private long sequence;
    private FileChannel current;
    private long currentBytes;
    private long currentSince;
    /** The buffer messages are copied through (one thread writes): not 64 KB of garbage a message. */
    private final byte[] chunk = new byte[64 * 1024];

    /** One acknowledged message: how it came (its envelope) and its bytes. */
    record Entry(MailSource source, RawMail raw) {
    }

    /** Files closed by {@link #rotate()}: their messages are the store's once it has been made durable. */
    record Closed(List<Path> files) {
    }

    DropboxJournal(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            sequence = files().stream().mapToLong(DropboxJournal::sequenceOf).max().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException("the dropbox journal's folder " + dir + " cannot be used", e);
        }
    }

    Path dir() {
        return dir;
    }

    /** Appends the group's messages and syncs them to the disk; returns once they would survive a power cut. */
    void append(List<Entry> entries) throws IOException {
        if (entries.isEmpty()) {
            return;
        }
        if (current == null) {
            Path file = dir.resolve(PREFIX + String.format("%016d", ++sequence) + SUFFIX);
            current = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            currentBytes = 0;
            currentSince = System.nanoTime();
        }
        try {
            for (Entry entry : entries) {
                currentBytes += write(current, entry, chunk);
            }
            current.force(false);
        } catch (IOException | RuntimeException e) {
            // Nothing of this group was acknowledged; the next group starts a file of its own, so that
            // its records do not follow a record cut short here (reading a file stops at the first one).
            close();
            throw e;
        }
    }

    /**
     * Whether a checkpoint is due: the file being written holds {@code bytes} or is {@code nanos} old, or,
     * {@code idle}, holds anything at all.
     */
    boolean due(boolean idle, long bytes, long nanos) {
        return current != null && currentBytes > 0
                && (idle || currentBytes >= bytes || System.nanoTime() - currentSince >= nanos);
    }

    /**
     * Makes the journal's messages the store's: closes the file being written, has {@code makeDurable}
     * make the store durable (whatever was ingested before it, so every message the files hold), and
     * then removes the files. When it throws, the files stay for the next checkpoint or start.
     */
    <T> T checkpoint(Durably<T> makeDurable) throws IOException {
        Closed closed = rotate();
        T done = makeDurable.run();
        drop(closed);
        return done;
    }

    /** What a {@link #checkpoint} runs to make the store durable. */
    @FunctionalInterface
    interface Durably<T> {
        T run() throws IOException;
    }

    /**
     * Closes the file being written (the next append starts another) and names every journal file there
     * is: once the store has been made durable after this call, {@link #drop} may remove them all.
     */
    Closed rotate() throws IOException {
        close();
        return new Closed(files());
    }

    /** Removes files whose messages the store has made durable. */
    void drop(Closed closed) {
        for (Path file : closed.files()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("the dropbox journal file {} could not be removed; its messages are found duplicates if read again", file, e);
            }
        }
    }

    /**
     * What the journal holds, oldest first: at a start, the messages acknowledged since the store was last
     * made durable (and perhaps some it has, which ingest as duplicates). Each entry reads its bytes from
     * its file, so a large message is not held in memory.
     */
    List<Entry> leftOver() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Path file : files()) {
            read(file, entries);
        }
        return entries;
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> listed = Files.list(dir)) {
            return listed.filter(p -> p.getFileName().toString().startsWith(PREFIX) && p.getFileName().toString().endsWith(SUFFIX))
                    .sorted().toList();
        }
    }

    private static long sequenceOf(Path file) {
        String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Writes one record at the channel's position: the header's length and checksum are filled in after the payload. */
    private static long write(FileChannel channel, Entry entry, byte[] chunk) throws IOException {
        long start = channel.position();
        ByteArrayOutputStream envelope = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(envelope)) {
            Map<String, String> source = Sources.describe(entry.source());
            out.writeInt(source.size());
            for (Map.Entry<String, String> field : source.entrySet()) {
                out.writeUTF(field.getKey());
                out.writeUTF(field.getValue());
            }
        }
        CRC32C crc = new CRC32C();
        byte[] head = envelope.toByteArray();
        crc.update(head);
        channel.position(start + HEADER);
        writeFully(channel, ByteBuffer.wrap(head));
        long length = head.length;
        try (InputStream in = entry.raw().open()) {
            for (int n; (n = in.read(chunk)) > 0; ) {
                crc.update(chunk, 0, n);
                writeFully(channel, ByteBuffer.wrap(chunk, 0, n));
                length += n;
            }
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER).putInt(MARK).putLong(length).putInt((int) crc.getValue()).flip();
        while (header.hasRemaining()) {
            channel.write(header, start + header.position());
        }
        return HEADER + length;
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Adds the file's whole records to {@code entries}; stops at one cut short or damaged (never acknowledged). */
    private static void read(Path file, List<Entry> entries) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long at = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (at + HEADER <= size) {
                header.clear();
                readFully(channel, header, at);
                header.flip();
                int mark = header.getInt();
                long length = header.getLong();
                int sum = header.getInt();
                if (mark != MARK || length < 0 || at + HEADER + length > size || checksum(channel, at + HEADER, length) != sum) {
                    break;
                }
                entries.add(entry(file, channel, at + HEADER, length));
                at += HEADER + length;
            }
            if (at < size) {
                log.warn("dropbox journal {}: the last {} bytes are a record cut short by a stop (never acknowledged), not read",
                        file.getFileName(), size - at);
            }
        }
    }

    private static int checksum(FileChannel channel, long from, long length) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        for (long at = from, left = length; left > 0; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), left));
            int n = channel.read(buffer, at);
            if (n <= 0) {
                return ~(int) crc.getValue();
            }
            crc.update(buffer.flip());
            at += n;
            left -= n;
        }
        return (int) crc.getValue();
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, at + buffer.position()) < 0) {
                throw new IOException("unexpected end of " + channel);
            }
        }
    }

    private static Entry entry(Path file, FileChannel channel, long payload, long length) throws IOException {
        int envelopeBytes = (int) Math.min(length, 64 * 1024);
        ByteBuffer envelope = ByteBuffer.allocate(envelopeBytes);
        readFully(channel, envelope, payload);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(envelope.array()));
        Map<String, String> source = new LinkedHashMap<>();
        for (int fields = in.readInt(); fields > 0; fields--) {
            source.put(in.readUTF(), in.readUTF());
        }
        long rawStart = payload + (envelopeBytes - in.available());
        long rawLength = payload + length - rawStart;
        return new Entry(Sources.restore(source), new RawMail() {
            @Override
            public InputStream open() throws IOException {
                FileChannel in = FileChannel.open(file, StandardOpenOption.READ).position(rawStart);
                return BoundedInputStream.builder().setInputStream(Channels.newInputStream(in)).setMaxCount(rawLength).get();
            }

            @Override
            public long size() {
                return rawLength;
            }
        });
    }
}
