package io.genjin.reports.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TableTest {
    record Line(String name, BigDecimal amount, LocalDate day, LocalDateTime at) {
    }

    private static final Table<Line> TABLE = new Table<>("Orders", List.of(
            Column.of("name", l -> Cell.text(l.name())),
            Column.of("amount", l -> Cell.number(l.amount())),
            Column.of("day", l -> Cell.date(l.day())),
            Column.of("at", l -> Cell.dateTime(l.at()))));

    private static final List<Line> LINES = List.of(
            new Line("上海进出口有限公司", new BigDecimal("1234.50"), LocalDate.of(2026, 3, 1), LocalDateTime.of(2026, 3, 1, 9, 30)),
            new Line("Comma, \"Quote\" and\r\nline", BigDecimal.ZERO, null, null),
            new Line("=HYPERLINK(\"http://evil.example\",\"x\")", null, null, null),
            new Line("+86 21 5555", null, null, null),
            new Line("-2+3", null, null, null),
            new Line("@SUM(A1)", null, null, null),
            new Line("\tcmd", null, null, null),
            new Line("a=b", null, null, null));

    @Test
    void csvIsUtf8WithByteOrderMarkQuotedAsRfc4180AndFormulasNeutralised() throws IOException {
        byte[] bytes = write(ExportFormat.CSV, LINES.stream());
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).contains("\"Comma, \"\"Quote\"\" and\r\nline\"").contains("\r\n");

        List<CSVRecord> records = CSVFormat.RFC4180.builder().get()
                .parse(new InputStreamReader(new ByteArrayInputStream(bytes, 3, bytes.length - 3), StandardCharsets.UTF_8))
                .getRecords();
        assertThat(records.get(0).toList()).containsExactly("Name", "Amount", "Day", "At");
        assertThat(records.get(1).toList()).containsExactly("上海进出口有限公司", "1234.50", "2026-03-01", "2026-03-01 09:30:00");
        assertThat(records.get(2).toList()).containsExactly("Comma, \"Quote\" and\r\nline", "0", "", "");
        assertThat(records.stream().skip(3).map(r -> r.get(0))).containsExactly(
                "'=HYPERLINK(\"http://evil.example\",\"x\")", "'+86 21 5555", "'-2+3", "'@SUM(A1)", "'\tcmd", "a=b");
    }

    @Test
    void xlsxHasTypedCellsAndTextThatIsNeverAFormula() throws IOException {
        byte[] bytes = write(ExportFormat.XLSX, LINES.stream());
        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
            assertThat(book.getFirstSheet().getName()).isEqualTo("Orders");
            List<Row> rows;
            try (Stream<Row> read = book.getFirstSheet().openStream()) {
                rows = read.toList();
            }
            assertThat(rows.get(0).getCellText(0)).isEqualTo("Name");
            assertThat(rows.get(1).getCellText(0)).isEqualTo("上海进出口有限公司");
            assertThat(rows.get(1).getCellAsNumber(1)).contains(new BigDecimal("1234.50"));
            assertThat(rows.get(1).getCellAsDate(2)).contains(LocalDateTime.of(2026, 3, 1, 0, 0));
            assertThat(rows.get(1).getCellAsDate(3)).contains(LocalDateTime.of(2026, 3, 1, 9, 30));
            assertThat(rows.get(2).getCellText(0)).isEqualTo("Comma, \"Quote\" and\r\nline");
            for (int i = 3; i < rows.size(); i++) {
                assertThat(rows.get(i).getCell(0).getFormula()).isNull();
                assertThat(rows.get(i).getCellText(0)).isEqualTo(LINES.get(i - 1).name());
            }
        }
    }

    /**
     * The writer sends bytes while the rows are still being made: when the 100,000th row is asked
     * for, a good part of the file has already gone out, and what a row holds is gone with it.
     */
    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void rowsGoOutWhileTheyAreStillBeingRead(ExportFormat format) throws IOException {
        Counting out = new Counting();
        long[] writtenBeforeLastRow = new long[1];
        int rows = 100_000;
        Stream<Line> lines = IntStream.range(0, rows).mapToObj(i -> {
            if (i == rows - 1) {
                writtenBeforeLastRow[0] = out.count;
            }
            return new Line("Customer " + i + " 有限公司", BigDecimal.valueOf(i), LocalDate.of(2026, 1, 1), null);
        });
        TABLE.write(format, TableTest::label, lines, out);
        assertThat(writtenBeforeLastRow[0]).as("bytes out before the last row was read")
                .isGreaterThan(out.count / 2);
    }

    @Test
    void formatsAreFoundByExtension() {
        assertThat(ExportFormat.byExtension("XLSX")).contains(ExportFormat.XLSX);
        assertThat(ExportFormat.byExtension("csv")).contains(ExportFormat.CSV);
        assertThat(ExportFormat.byExtension("xls")).isEmpty();
    }

    @Test
    void aWorkbookHasASheetPerTableInOrderAndClosesEachTablesRows() throws IOException {
        Table<Integer> numbers = new Table<>("Numbers", List.of(Column.of("n", n -> Cell.number(n))));
        java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportFormat.writeWorkbook(List.of(TABLE.with(LINES.stream().onClose(closed::incrementAndGet)),
                numbers.with(IntStream.rangeClosed(1, 1200).boxed().onClose(closed::incrementAndGet))), TableTest::label, out);
        assertThat(closed).hasValue(2);
        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            List<org.dhatim.fastexcel.reader.Sheet> sheets = book.getSheets().toList();
            assertThat(sheets).extracting(org.dhatim.fastexcel.reader.Sheet::getName).containsExactly("Orders", "Numbers");
            try (Stream<Row> rows = sheets.get(0).openStream()) {
                assertThat(rows.skip(1).map(r -> r.getCellText(0)).toList())
                        .containsExactlyElementsOf(LINES.stream().map(Line::name).toList());
            }
            try (Stream<Row> rows = sheets.get(1).openStream()) {
                List<Row> all = rows.toList();
                assertThat(all).hasSize(1 + 1200);
                assertThat(all.get(1200).getCellAsNumber(0)).contains(new BigDecimal("1200"));
            }
        }
    }

    private static byte[] write(ExportFormat format, Stream<Line> lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TABLE.write(format, TableTest::label, lines, out);
        return out.toByteArray();
    }

    private static String label(String key) {
        return Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }

    private static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
