package io.genjin.reports.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/** Columns over rows of one kind: what an export of a list or a report declares, once. */
public record Table<T>(String name, List<Column<T>> columns) {

    public Table {
        columns = List.copyOf(columns);
    }

    /** The header in the reader's language: {@code label} turns a column's key into its text. */
    public List<String> header(Function<String, String> label) {
        return columns.stream().map(c -> label.apply(c.headerKey())).toList();
    }

    /** The rows' cells, made one row at a time as the writer asks for them. */
    public Iterator<List<Cell>> cells(Stream<? extends T> rows) {
        return rows.<List<Cell>>map(row -> columns.stream().map(c -> c.cell().apply(row)).toList()).iterator();
    }

    /** Writes the table; {@code rows} is read once, as the bytes go out. */
    public void write(ExportFormat format, Function<String, String> label, Stream<? extends T> rows, OutputStream out)
            throws IOException {
        format.write(name, header(label), cells(rows), out);
    }

    /** This table with the rows to fill it: one sheet of a workbook ({@link ExportFormat#writeWorkbook}). */
    public Filled<T> with(Stream<? extends T> rows) {
        return new Filled<>(this, rows);
    }

    /** A table and its rows, read once as the bytes go out. */
    public record Filled<T>(Table<T> table, Stream<? extends T> rows) {
        Iterator<List<Cell>> cells() {
            return table.cells(rows);
        }
    }
}
