package io.genjin.gateway.mbox;

import io.genjin.gateway.RawMail;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Splits an mbox into messages while reading it (never the whole file in memory). A message starts
 * at a "From " line at the start of the file or after a blank line; quoted ">From " lines
 * (mboxrd/mboxo) lose one '>'. A message larger than {@code spillBytes} is spilled to a temporary
 * file, so a 100 MB attachment costs disk, not heap. The message returned last stays readable after
 * the next one is read (an import reads one message ahead); older spills are deleted.
 */
public final class MboxReader implements Iterator<RawMail>, AutoCloseable {
    private static final int SPILL_BYTES = 8 * 1024 * 1024;

    private final InputStream in;
    private final Path spillDir;
    private byte[] pendingLine;
    private boolean eof;
    private long bytesRead;
    /** The spill of the message returned last, and of the one before it. */
    private Path lastSpill;
    private Path previousSpill;

    public MboxReader(InputStream in, Path spillDir) throws IOException {
        this.in = new BufferedInputStream(in, 64 * 1024);
        this.spillDir = spillDir;
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
            deletePreviousSpill();
            previousSpill = lastSpill;
            lastSpill = null;
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

    private byte[] readLine() throws IOException {
        if (eof) {
            return null;
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        if (b < 0) {
            eof = true;
            if (line.size() == 0) {
                return null;
            }
        }
        bytesRead += line.size();
        return line.toByteArray();
    }

    private void deletePreviousSpill() throws IOException {
        if (previousSpill != null) {
            Files.deleteIfExists(previousSpill);
            previousSpill = null;
        }
    }

    @Override
    public void close() throws IOException {
        deletePreviousSpill();
        previousSpill = lastSpill;
        lastSpill = null;
        deletePreviousSpill();
        in.close();
    }

    /** One message's bytes: in memory while small, then in a temporary file. */
    private final class Message {
        private final ByteArrayOutputStream memory = new ByteArrayOutputStream(16 * 1024);
        private OutputStream file;
        private Path path;

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
                return RawMail.of(memory.toByteArray());
            }
            file.close();
            lastSpill = path;
            return RawMail.of(path);
        }
    }
}
