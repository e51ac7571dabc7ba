package io.genjin.reports.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV as RFC 4180 has it (commas, CRLF line ends, a field quoted when it holds a comma, quote or
 * line break, quotes doubled), in UTF-8 starting with a byte order mark. Without the mark, Excel
 * and WPS on a Chinese Windows read a CSV as the system's ANSI code page (GBK) and show every
 * Chinese name garbled; with it they read UTF-8, and other programs skip it. Text cells are guarded
 * against formula injection ({@link FormulaInjection}).
 */
final class CsvTable {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int BUFFER = 16 * 1024;

    private CsvTable() {
    }

    static void write(List<String> header, Iterator<List<Cell>> rows, OutputStream out, boolean byteOrderMark)
            throws IOException {
        Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER);
        if (byteOrderMark) {
            text.write('\uFEFF');
        }
        CSVPrinter csv = new CSVPrinter(text, CSVFormat.RFC4180);
        csv.printRecord(header.stream().map(FormulaInjection::neutralised));
        List<String> fields = new ArrayList<>();
        while (rows.hasNext()) {
            fields.clear();
            for (Cell cell : rows.next()) {
                fields.add(field(cell));
            }
            csv.printRecord(fields);
        }
        // Flushed, not closed: the stream belongs to the caller (a response, a file).
        csv.flush();
    }

    private static String field(Cell cell) {
        // Java 17: no pattern matching in switch yet.
        if (cell instanceof Cell.Text t) {
            return FormulaInjection.neutralised(t.value());
        }
        if (cell instanceof Cell.Number n) {
            return n.value().toPlainString();
        }
        if (cell instanceof Cell.Day d) {
            return DAY.format(d.value());
        }
        if (cell instanceof Cell.Time t) {
            return TIME.format(t.value());
        }
        return "";
    }
}
