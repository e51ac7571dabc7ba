package io.genjin.reports.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files as Excel, WPS, Outlook, Foxmail and phones write them are read with the right encoding and delimiter. */
class SheetFileTest {
    @TempDir
    Path dir;

    @Test
    void gbkWithoutBomIsReadAsGb18030() throws Exception {
        Sheet sheet = open("wps.csv", "客户名称,国家\r\n深圳市光明灯饰有限公司,中国\r\n".getBytes(Charset.forName("GBK")));
        assertThat(sheet.encoding()).isEqualTo("GB18030");
        assertThat(sheet.headers()).containsExactly("客户名称", "国家");
        assertThat(rows(sheet)).containsExactly(List.of("深圳市光明灯饰有限公司", "中国"));
    }

    @Test
    void utf8WithAndWithoutBomAndUtf16LeUnicodeText() throws Exception {
        byte[] body = "公司名称;邮箱\r\n\"Acme; Sons\";a@acme.com\r\n".getBytes(StandardCharsets.UTF_8);
        Sheet plain = open("plain.csv", body);
        assertThat(plain.encoding()).isEqualTo("UTF-8");
        assertThat(plain.delimiter()).isEqualTo(';');
        assertThat(rows(plain)).containsExactly(List.of("Acme; Sons", "a@acme.com"));

        byte[] bom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body);
        Sheet withBom = open("bom.csv", bom);
        assertThat(withBom.encoding()).isEqualTo("UTF-8 (BOM)");
        assertThat(withBom.headers().get(0)).isEqualTo("公司名称");

        byte[] utf16 = concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                "公司名称\t邮箱\r\n東京商事\tsato@tokyo-shoji.jp\r\n".getBytes(StandardCharsets.UTF_16LE));
        Sheet unicode = open("unicode.txt", utf16);
        assertThat(unicode.encoding()).isEqualTo("UTF-16LE (BOM)");
        assertThat(unicode.delimiter()).isEqualTo('\t');
        assertThat(rows(unicode)).containsExactly(List.of("東京商事", "sato@tokyo-shoji.jp"));
    }

    @Test
    void aCommaInsideQuotesDoesNotMakeItTheDelimiter() throws Exception {
        Sheet sheet = open("x.csv", "Company;Country\r\n\"A, B and C Ltd\";UK\r\n\"D, E Ltd\";US\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(sheet.delimiter()).isEqualTo(';');
    }

    @Test
    void xlsxCellsAreReadAsTextNumbersAndExcelSerialDates() throws Exception {
        Path file = dir.resolve("book.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "test", "1.0");
            Worksheet ws = workbook.newWorksheet("Sheet1");
            ws.value(0, 0, "公司名称");
            ws.value(0, 1, "金额");
            ws.value(0, 2, "下单日期");
            ws.value(1, 0, "Lagos Lighting");
            ws.value(1, 1, 1200.5);
            ws.value(1, 2, java.time.LocalDate.of(2025, 3, 7));
            ws.style(1, 2).format("yyyy-mm-dd").set();
            workbook.finish();
        }
        try (Sheet sheet = SheetFile.open(file)) {
            assertThat(sheet.format()).isEqualTo("XLSX");
            List<String> row = rows(sheet).get(0);
            assertThat(row.get(0)).isEqualTo("Lagos Lighting");
            assertThat(RowCheck.amount(row.get(1))).isEqualByComparingTo("1200.5");
            assertThat(RowCheck.date(row.get(2))).isEqualTo(java.time.LocalDate.of(2025, 3, 7));
        }
    }

    @Test
    void rowsAreCountedForTheProgressBarWithoutReadingTheCells() throws Exception {
        Path file = dir.resolve("many.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "test", "1.0");
            Worksheet first = workbook.newWorksheet("客户");
            first.value(0, 0, "公司名称");
            for (int r = 1; r <= 2345; r++) {
                first.value(r, 0, "Customer " + r);
                if (r % 1000 == 0) {
                    first.flush();
                }
            }
            Worksheet second = workbook.newWorksheet("other");
            for (int r = 0; r < 10; r++) {
                second.value(r, 0, "x");
            }
            workbook.finish();
        }
        long read = 0;
        try (Sheet sheet = SheetFile.open(file)) {
            for (var it = sheet.rows(); it.hasNext(); it.next()) {
                read++;
            }
        }
        assertThat(read).isEqualTo(2345);
        assertThat(XlsxSheet.countRows(file)).hasValue(2345);
        assertThat(SheetFile.countRows(file)).isEqualTo(2345);

        // A prefixed namespace counts; closing tags, <rowBreaks> and <brow> do not.
        String xml = "<x:worksheet><x:sheetData><x:row r=\"1\"><x:c/></x:row><row>\n</row><row\tr=\"3\"/>"
                + "<rowBreaks/><brow/><rows/></x:sheetData></x:worksheet>";
        assertThat(XlsxSheet.rowElements(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))).isEqualTo(3);

        Path csv = dir.resolve("c.csv");
        Files.writeString(csv, "Company,Country\nA,UK\nB,US\n");
        assertThat(SheetFile.countRows(csv)).isEqualTo(2);
    }

    @Test
    void vcardThreeAndFourAreRowsUnderFixedHeaders() throws Exception {
        Sheet sheet = open("c.vcf", ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Silva;Pedro;;;\r\nFN:Pedro Silva\r\nORG:Porto Ceramics\r\n"
                + "EMAIL;TYPE=INTERNET:pedro@portoceramics.pt\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:张伟\r\n"
                + "EMAIL:zw@nbhaitian.com\r\nTEL;VALUE=uri:tel:+86-138\r\nEND:VCARD\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(sheet.format()).isEqualTo("VCARD");
        ColumnMapping mapping = ColumnMapping.guess(sheet.headers());
        List<List<String>> rows = rows(sheet);
        assertThat(rows).hasSize(2);
        assertThat(mapping.value(rows.get(0), ImportField.COMPANY)).isEqualTo("Porto Ceramics");
        assertThat(mapping.values(rows.get(1), ImportField.EMAIL)).containsExactly("zw@nbhaitian.com");
        assertThat(mapping.values(rows.get(1), ImportField.PHONE)).containsExactly("+86-138");
    }

    @Test
    void encryptedWorkbooksOldXlsAndBinaryFilesAreRefusedWithTheirReason() throws Exception {
        byte[] ole2 = new byte[2048];
        byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(magic, 0, ole2, 0, magic.length);
        assertThatThrownBy(() -> open("old.xls", ole2)).isInstanceOf(UnreadableFile.class)
                .extracting(e -> ((UnreadableFile) e).reason()).isEqualTo("legacy-xls");
        byte[] name = "EncryptionInfo".getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(name, 0, ole2, 1500, name.length);
        assertThatThrownBy(() -> open("locked.xlsx", ole2)).extracting(e -> ((UnreadableFile) e).reason()).isEqualTo("encrypted");
        assertThatThrownBy(() -> open("zip.xlsx", new byte[] {'P', 'K', 3, 4, 0, 0, 0})).extracting(e -> ((UnreadableFile) e).reason())
                .isEqualTo("not-a-sheet");
        assertThatThrownBy(() -> open("a.bin", new byte[] {1, 0, 2, 0})).extracting(e -> ((UnreadableFile) e).reason())
                .isEqualTo("not-a-sheet");
        assertThatThrownBy(() -> open("empty.csv", new byte[0])).extracting(e -> ((UnreadableFile) e).reason()).isEqualTo("empty");
    }

    private Sheet open(String name, byte[] content) throws IOException, UnreadableFile {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return SheetFile.open(file);
    }

    private static List<List<String>> rows(Sheet sheet) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        sheet.rows().forEachRemaining(r -> rows.add(r.cells()));
        sheet.close();
        return rows;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
