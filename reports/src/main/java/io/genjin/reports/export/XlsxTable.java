package io.genjin.reports.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * XLSX through FastExcel's streaming writer: the sheet's rows are written to the zip and flushed
 * every {@value #FLUSH_EVERY} rows, and text goes in as inline strings, so neither the rows nor a
 * table of every distinct string stays in memory. Text is always a string cell (never a formula),
 * which is what keeps a name starting with {@code =} harmless here.
 */
final class XlsxTable {
    static final int FLUSH_EVERY = 500;
    /** Excel's limit: rows past it would make the file unreadable. */
    static final int MAX_ROWS = 1_048_576;
    private static final String DAY = "yyyy-mm-dd";
    private static final String TIME = "yyyy-mm-dd hh:mm:ss";

    private XlsxTable() {
    }

    static void write(String sheet, List<String> header, Iterator<List<Cell>> rows, OutputStream out) throws IOException {
        Workbook book = new Workbook(new Unclosed(out), "Genjin", "1.0");
        Worksheet ws = book.newWorksheet(sheet == null || sheet.isBlank() ? "Sheet1" : sheet);
        write(ws, header, rows);
        book.finish();
    }

    /** One sheet of a workbook: its rows are made only when the sheet before it is finished. */
    record Sheet(String name, List<String> header, Supplier<Iterator<List<Cell>>> rows, AutoCloseable source) {
    }

    /**
     * Sheets one after the other: each is finished (its zip entry closed) before the next begins, so
     * only one sheet's unflushed rows are held at a time.
     */
    static void write(List<Sheet> sheets, OutputStream out) throws IOException {
        Workbook book = new Workbook(new Unclosed(out), "Genjin", "1.0");
        int n = 0;
        for (Sheet sheet : sheets) {
            n++;
            Worksheet ws = book.newWorksheet(sheet.name() == null || sheet.name().isBlank() ? "Sheet" + n : sheet.name());
            try (AutoCloseable source = sheet.source()) {
                write(ws, sheet.header(), sheet.rows().get());
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
            ws.finish();
        }
        book.finish();
    }

    private static void write(Worksheet ws, List<String> header, Iterator<List<Cell>> rows) throws IOException {
        for (int c = 0; c < header.size(); c++) {
            ws.inlineString(0, c, header.get(c));
            ws.style(0, c).bold().set();
        }
        ws.freezePane(0, 1);
        int r = 1;
        while (rows.hasNext()) {
            if (r >= MAX_ROWS) {
                throw new IOException("more rows than a worksheet holds (" + MAX_ROWS + "); export as CSV");
            }
            List<Cell> row = rows.next();
            for (int c = 0; c < row.size(); c++) {
                put(ws, r, c, row.get(c));
            }
            if (++r % FLUSH_EVERY == 0) {
                ws.flush();
            }
        }
    }

    private static void put(Worksheet ws, int r, int c, Cell cell) {
        if (cell instanceof Cell.Text t) {
            ws.inlineString(r, c, t.value());
        } else if (cell instanceof Cell.Number n) {
            ws.value(r, c, n.value());
        } else if (cell instanceof Cell.Day d) {
            ws.value(r, c, d.value());
            ws.style(r, c).format(DAY).set();
        } else if (cell instanceof Cell.Time t) {
            ws.value(r, c, t.value());
            ws.style(r, c).format(TIME).set();
        }
    }

    /** The workbook closes its zip at the end; the stream under it belongs to the caller. */
    private static final class Unclosed extends java.io.FilterOutputStream {
        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
