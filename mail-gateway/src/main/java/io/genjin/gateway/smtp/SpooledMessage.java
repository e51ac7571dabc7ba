package io.genjin.gateway.smtp;

import io.genjin.gateway.RawMail;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * One message's DATA, kept until the reply: in memory up to {@value #IN_MEMORY_BYTES} bytes (most mail:
 * no file to create, write, read back and delete for it), beyond that in a file in the spool directory,
 * written as it arrives, so a 100 MB message never sits in memory. Counts the bytes on the way: past the
 * limit it stops keeping them and reads the rest away, because the client sends the whole message before
 * it reads the 552.
 */
public final class SpooledMessage implements AutoCloseable {
    /** At most this much of one session's message is held in memory: with the dropbox's default 100 sessions, about 13 MB. */
    static final int IN_MEMORY_BYTES = 128 * 1024;
    private static final int HEADER_LIMIT = 256 * 1024;
    private final byte[] bytes;
    private final Path file;
    private final long size;
    private final boolean tooBig;

    private SpooledMessage(byte[] bytes, Path file, long size, boolean tooBig) {
        this.bytes = bytes;
        this.file = file;
        this.size = size;
        this.tooBig = tooBig;
    }

    public static SpooledMessage receive(InputStream data, Path spoolDir, long limit) throws IOException {
        ByteArrayOutputStream memory = new ByteArrayOutputStream(8 * 1024);
        Path file = null;
        OutputStream out = null;
        long count = 0;
        boolean over = false;
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n; (n = data.read(buffer)) != -1; ) {
                count += n;
                over |= count > limit;
                if (over) {
                    continue;
                }
                if (out == null && count > IN_MEMORY_BYTES) {
                    Files.createDirectories(spoolDir);
                    file = Files.createTempFile(spoolDir, "msg-", ".eml");
                    out = Files.newOutputStream(file);
                    memory.writeTo(out);
                    memory.reset();
                }
                (out == null ? memory : out).write(buffer, 0, n);
            }
            if (out != null) {
                out.close();
            }
        } catch (IOException | RuntimeException e) {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
        if (over) {
            if (file != null) {
                Files.deleteIfExists(file);
            }
            return new SpooledMessage(null, null, count, true);
        }
        return file == null ? new SpooledMessage(memory.toByteArray(), null, count, false)
                : new SpooledMessage(null, file, count, false);
    }

    /**
     * Deletes spool files older than {@code age}: what a killed process left behind (its clients got
     * no 250 and send again). Younger files may be a live transaction of another process sharing
     * the directory, so they stay.
     */
    public static int sweep(Path spoolDir, Duration age) throws IOException {
        if (!Files.isDirectory(spoolDir)) {
            return 0;
        }
        Instant cutoff = Instant.now().minus(age);
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(spoolDir, "msg-*.eml")) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /** The message as it arrived, for the pipeline. */
    public RawMail raw() {
        return file == null ? RawMail.of(bytes) : RawMail.of(file);
    }

    /** Whether the message went to a file in the spool directory (it was larger than {@value #IN_MEMORY_BYTES} bytes). */
    boolean spooled() {
        return file != null;
    }

    public long size() {
        return size;
    }

    public boolean tooBig() {
        return tooBig;
    }

    /**
     * The unfolded header block (up to 256 KB), decoded as Latin-1 so raw 8-bit bytes survive: the lines
     * before the first empty one, whether they end in CRLF (as SMTP carries them) or LF, with the CRs
     * dropped and each folding (a line break and the white space that opens the continued line) one space.
     */
    public String headers() throws IOException {
        if (file == null) {
            return unfoldedHeader(bytes);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return unfoldedHeader(in.readNBytes(HEADER_LIMIT * 2));
        }
    }

    /** {@link #headers()} of a message's first bytes. */
    static String unfoldedHeader(byte[] raw) {
        int length = raw.length;
        int limit = Math.min(length, HEADER_LIMIT);
        byte[] out = new byte[Math.min(limit, 4096)]; // a header block is mostly a few hundred bytes
        int n = 0;
        boolean lineStart = true;
        for (int i = 0; i < length && n < limit; i++) {
            if (n == out.length) {
                out = Arrays.copyOf(out, Math.min(limit, out.length * 2));
            }
            byte b = raw[i];
            if (b == '\r') {
                continue;
            }
            if (b == '\n') {
                if (lineStart) {
                    break; // the empty line that ends the header block
                }
                int next = i + 1;
                while (next < length && (raw[next] == ' ' || raw[next] == '\t')) {
                    next++;
                }
                if (next > i + 1) {
                    out[n++] = ' '; // a folding: the line goes on
                    i = next - 1;
                    continue;
                }
                lineStart = true;
                out[n++] = '\n';
                continue;
            }
            lineStart = false;
            out[n++] = b;
        }
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
