package io.genjin.reports.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** Opens an uploaded file as a {@link Sheet}, by what its bytes are rather than what its name says. */
public final class SheetFile {
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};
    /** The stream an encrypted OOXML package keeps in its OLE2 container ([MS-OFFCRYPTO] 2.3.4). */
    private static final byte[] ENCRYPTION_INFO = "EncryptionInfo".getBytes(StandardCharsets.UTF_16LE);

    private SheetFile() {
    }

    public static Sheet open(Path file) throws IOException, UnreadableFile {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4096);
        }
        if (head.length == 0) {
            throw new UnreadableFile("empty", "The file is empty.");
        }
        if (startsWith(head, ZIP)) {
            return XlsxSheet.open(file);
        }
        if (startsWith(head, OLE2)) {
            if (containsEncryptionInfo(file)) {
                throw new UnreadableFile("encrypted", "The workbook is password-protected; save it without a password.");
            }
            throw new UnreadableFile("legacy-xls", "This is an old Excel 97-2003 (.xls) file; save it as .xlsx or CSV.");
        }
        TextEncoding encoding = TextEncoding.detect(file);
        if (encoding.bomLength() == 0 && binary(head)) {
            throw new UnreadableFile("not-a-sheet", "The file is neither an XLSX workbook, a CSV file nor a vCard.");
        }
        String text = new String(head, encoding.charset()).replace("\uFEFF", "").stripLeading().toUpperCase(Locale.ROOT);
        if (text.startsWith("BEGIN:VCARD")) {
            return VcardSheet.open(file, encoding);
        }
        return CsvSheet.open(file, encoding);
    }

    /**
     * The data rows of a file (the header not counted), for a progress bar's total before a run. A
     * workbook's are counted from its sheet's row elements without reading the cells; a text file's
     * and a workbook's whose sheet cannot be found that way, by reading them.
     */
    public static long countRows(Path file) throws IOException, UnreadableFile {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        }
        if (startsWith(head, ZIP)) {
            java.util.OptionalLong rows = XlsxSheet.countRows(file);
            if (rows.isPresent()) {
                return rows.getAsLong();
            }
        }
        long rows = 0;
        try (Sheet sheet = open(file)) {
            for (java.util.Iterator<Sheet.Row> it = sheet.rows(); it.hasNext(); it.next()) {
                rows++;
            }
        }
        return rows;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Text has no NUL bytes (UTF-16 text has a BOM, checked before). */
    private static boolean binary(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsEncryptionInfo(Path file) throws IOException {
        byte[] window = new byte[64 * 1024 + ENCRYPTION_INFO.length];
        try (InputStream in = Files.newInputStream(file)) {
            int kept = 0;
            int n;
            while ((n = in.readNBytes(window, kept, window.length - kept)) > 0) {
                int length = kept + n;
                for (int i = 0; i + ENCRYPTION_INFO.length <= length; i++) {
                    if (Arrays.equals(window, i, i + ENCRYPTION_INFO.length, ENCRYPTION_INFO, 0, ENCRYPTION_INFO.length)) {
                        return true;
                    }
                }
                kept = Math.min(length, ENCRYPTION_INFO.length - 1);
                System.arraycopy(window, length - kept, window, 0, kept);
            }
        }
        return false;
    }
}
