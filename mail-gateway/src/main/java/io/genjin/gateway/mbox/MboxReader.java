package io.genjin.gateway.mbox;

import io.genjin.gateway.RawMail;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Splits an mbox into messages while reading it (never the whole file in memory). A message starts
 * at a "From " line at the start of the file or after a blank line; quoted ">From " lines
 * (mboxrd/mboxo) lose one '>'. A message larger than {@code spillBytes} is spilled to a temporary
 * file, so a 100 MB attachment costs disk, not heap. The last {@code readable} messages returned stay
 * readable (an import holds the messages it reads ahead); the spills of older ones are deleted.
 */
public final class MboxReader implements Iterator<RawMail>, AutoCloseable {
    private static final int SPILL_BYTES = 8 * 1024 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private final Path spillDir;
    private byte[] pendingLine;
    private boolean eof;
    private long bytesRead;
    /** The spills of the messages returned last, oldest first (null for one kept in memory). */
    private final java.util.LinkedList<Path> spills = new java.util.LinkedList<>();
    private final int readable;

    /** The message returned last, and the one before it, stay readable. */
    public MboxReader(InputStream in, Path spillDir) throws IOException {
        this(in, spillDir, 2);
    }

    /** @param readable how many of the messages returned last stay readable (at least 1) */
    public MboxReader(InputStream in, Path spillDir, int readable) throws IOException {
        this.in = in;
        this.spillDir = spillDir;
        this.readable = Math.max(1, readable);
        this.pendingLine = readLine();
        while (pendingLine != null && !isFromLine(pendingLine)) {
            pendingLine = readLine(); // junk before the first message
        }
    }

    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public boolean hasNext() {
        return pendingLine != null;
    }

    @Override
    public RawMail next() {
        if (pendingLine == null) {
            throw new NoSuchElementException();
        }
        try {
            while (spills.size() >= readable) {
                delete(spills.removeFirst());
            }
            Message out = new Message();
            boolean blankBefore = false;
            byte[] line;
            while ((line = readLine()) != null) {
                if (blankBefore && isFromLine(line)) {
                    break;
                }
                boolean blank = isBlank(line);
                if (blankBefore) {
                    out.write(new byte[] {'\n'}); // the blank line held back: it belonged to this message
                }
                if (!blank) {
                    out.write(unescape(line));
                }
                blankBefore = blank;
            }
            pendingLine = line;
            return out.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isFromLine(byte[] line) {
        return line.length >= 5 && line[0] == 'F' && line[1] == 'r' && line[2] == 'o' && line[3] == 'm' && line[4] == ' ';
    }

    private static boolean isBlank(byte[] line) {
        return line.length == 0 || line.length == 1 && line[0] == '\n' || line.length == 2 && line[0] == '\r' && line[1] == '\n';
    }

    /** ">From " → "From ", ">>From " → ">From " (mboxrd). */
    private static byte[] unescape(byte[] line) {
        int i = 0;
        while (i < line.length && line[i] == '>') {
            i++;
        }
        if (i > 0 && line.length - i >= 5 && line[i] == 'F' && line[i + 1] == 'r' && line[i + 2] == 'o' && line[i + 3] == 'm'
                && line[i + 4] == ' ') {
            byte[] out = new byte[line.length - 1];
            System.arraycopy(line, 1, out, 0, out.length);
            return out;
        }
        return line;
    }

    /**
     * One line, its end of line included, scanned out of {@link #buffer} (a byte at a time through
     * the stream's synchronised {@code read()} was a tenth of an import's pipeline thread).
     */
    private byte[] readLine() throws IOException {
        if (eof) {
            return null;
        }
        byte[] line = null;
        int length = 0;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit < 0) {
                    limit = 0;
                    eof = true;
                    if (length == 0) {
                        return null;
                    }
                    break;
                }
            }
            int end = position;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            boolean complete = end < limit;
            int take = (complete ? end + 1 : end) - position;
            if (line == null) {
                line = Arrays.copyOfRange(buffer, position, position + take);
            } else {
                line = Arrays.copyOf(line, length + take);
                System.arraycopy(buffer, position, line, length, take);
            }
            length += take;
            position += take;
            if (complete) {
                break;
            }
        }
        bytesRead += length;
        return line;
    }

    private static void delete(Path spill) throws IOException {
        if (spill != null) {
            Files.deleteIfExists(spill);
        }
    }

    @Override
    public void close() throws IOException {
        while (!spills.isEmpty()) {
            delete(spills.removeFirst());
        }
        in.close();
    }

    /**
     * The bytes of the message being read, while it is small: one buffer for the reader, emptied for
     * each message (one of 16 kB made for each, and grown, was a third of what reading an mbox allocated).
     */
    private final ByteArrayOutputStream memory = new ByteArrayOutputStream(16 * 1024);

    /** One message's bytes: in memory while small ({@link #memory}), then in a temporary file. */
    private final class Message {
        private OutputStream file;
        private Path path;

        Message() {
            memory.reset();
        }

        void write(byte[] bytes) throws IOException {
            if (file == null && memory.size() + bytes.length > SPILL_BYTES) {
                path = Files.createTempFile(spillDir, "mbox-", ".eml");
                file = new java.io.BufferedOutputStream(Files.newOutputStream(path), 64 * 1024);
                memory.writeTo(file);
                memory.reset();
            }
            (file != null ? file : memory).write(bytes);
        }

        RawMail finish() throws IOException {
            if (file == null) {
                spills.addLast(null);
                return RawMail.of(memory.toByteArray());
            }
            file.close();
            spills.addLast(path);
            return RawMail.of(path);
        }
    }
}
