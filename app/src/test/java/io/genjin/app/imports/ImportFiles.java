package io.genjin.app.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** Import files as Excel, WPS, Outlook, Foxmail and phones write them, made in the test. */
final class ImportFiles {
    private ImportFiles() {
    }

    /** A workbook whose cells are text, except numbers (as numbers) and dates (as date cells). */
    static byte[] xlsx(List<String> headers, List<List<Object>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "Genjin test", "1.0");
            Worksheet sheet = workbook.newWorksheet("客户");
            for (int c = 0; c < headers.size(); c++) {
                sheet.value(0, c, headers.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                List<Object> row = rows.get(r);
                for (int c = 0; c < row.size(); c++) {
                    Object value = row.get(c);
                    if (value instanceof Number n) {
                        sheet.value(r + 1, c, n);
                    } else if (value instanceof LocalDate d) {
                        sheet.value(r + 1, c, d);
                        sheet.style(r + 1, c).format("yyyy-mm-dd").set();
                    } else if (value != null) {
                        sheet.value(r + 1, c, value.toString());
                    }
                }
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Text lines joined with CRLF (as Excel writes them), in the charset, with its BOM when asked. */
    static byte[] text(Charset charset, boolean bom, String... lines) {
        byte[] body = (String.join("\r\n", lines) + "\r\n").getBytes(charset);
        byte[] mark = !bom ? new byte[0] : charset.equals(StandardCharsets.UTF_8) ? new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}
                : new byte[] {(byte) 0xFF, (byte) 0xFE};
        byte[] all = new byte[mark.length + body.length];
        System.arraycopy(mark, 0, all, 0, mark.length);
        System.arraycopy(body, 0, all, mark.length, body.length);
        return all;
    }

    /**
     * The shape of an Office-encrypted workbook: an OLE2 compound file whose directory names the
     * "EncryptionInfo" and "EncryptedPackage" streams ([MS-OFFCRYPTO]); the content is irrelevant here.
     */
    static byte[] encryptedXlsx() {
        byte[] file = new byte[4096];
        byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(magic, 0, file, 0, magic.length);
        byte[] name = "EncryptionInfo".getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(name, 0, file, 1024, name.length);
        byte[] other = "EncryptedPackage".getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(other, 0, file, 1152, other.length);
        return file;
    }
}
