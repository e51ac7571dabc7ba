package io.genjin.gateway.smtp;

import java.io.BufferedInputStream;
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

/**
 * One message's DATA, written to a file in the spool directory as it arrives, so a 100 MB message
 * never sits in memory. Counts the bytes on the way: past the limit it stops writing and reads the
 * rest away, because the client sends the whole message before it reads the 552.
 */
public final class SpooledMessage implements AutoCloseable {
    private static final int HEADER_LIMIT = 256 * 1024;
    private final Path file;
    private final long size;
    private final boolean tooBig;

    private SpooledMessage(Path file, long size, boolean tooBig) {
        this.file = file;
        this.size = size;
        this.tooBig = tooBig;
    }

    public static SpooledMessage receive(InputStream data, Path spoolDir, long limit) throws IOException {
        Files.createDirectories(spoolDir);
        Path file = Files.createTempFile(spoolDir, "msg-", ".eml");
        long count = 0;
        boolean over = false;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n; (n = data.read(buffer)) != -1; ) {
                count += n;
                if (!over && count > limit) {
                    over = true;
                }
                if (!over) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        if (over) {
            Files.deleteIfExists(file);
        }
        return new SpooledMessage(file, count, over);
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

    public Path file() {
        return file;
    }

    public long size() {
        return size;
    }

    public boolean tooBig() {
        return tooBig;
    }

    /** The unfolded header block (up to 256 KB), decoded as Latin-1 so raw 8-bit bytes survive. */
    public String headers() throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            int previous = -1;
            for (int b; (b = in.read()) != -1 && header.size() < HEADER_LIMIT; previous = b) {
                if (b == '\n' && previous == '\n') {
                    break;
                }
                if (b != '\r') {
                    header.write(b);
                }
            }
        }
        return header.toString(StandardCharsets.ISO_8859_1).replaceAll("\n[ \t]+", " ");
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
