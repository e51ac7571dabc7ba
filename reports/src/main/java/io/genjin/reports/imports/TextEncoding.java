package io.genjin.reports.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The encoding of a CSV or text file as Excel and WPS write them: a byte-order mark names UTF-8 or
 * UTF-16 (Excel's "Unicode text" is UTF-16LE with a BOM, and tab-separated); without one, the whole
 * file is decoded as strict UTF-8, and if any byte sequence is not valid UTF-8 it is GB18030, the
 * superset of GBK and GB2312 that Chinese Excel and WPS write as "CSV (逗号分隔)". A GBK file that is
 * also valid UTF-8 is vanishingly rare for real text (Chinese GBK byte pairs almost never form UTF-8
 * sequences), while checking the whole file, not a sample, costs one pass over bytes.
 */
public record TextEncoding(Charset charset, int bomLength) {

    public static TextEncoding detect(Path file) throws IOException {
        byte[] head = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, 4);
        }
        if (read >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            return new TextEncoding(StandardCharsets.UTF_8, 3);
        }
        if (read >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
            return new TextEncoding(StandardCharsets.UTF_16LE, 2);
        }
        if (read >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
            return new TextEncoding(StandardCharsets.UTF_16BE, 2);
        }
        return new TextEncoding(strictUtf8(file) ? StandardCharsets.UTF_8 : Charset.forName("GB18030"), 0);
    }

    private static boolean strictUtf8(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        try (InputStream in = Files.newInputStream(file)) {
            while (true) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                boolean end = n < 0;
                if (!end) {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
                if (decoder.decode(bytes, chars, end).isError()) {
                    return false;
                }
                chars.clear();
                bytes.compact();
                if (end) {
                    return !decoder.flush(chars).isError() && bytes.position() == 0;
                }
            }
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The name shown to a person: "UTF-8 (BOM)", "GB18030". */
    public String label() {
        return charset.name() + (bomLength > 0 ? " (BOM)" : "");
    }
}
