package io.genjin.reports.imports;

import java.io.Closeable;
import java.util.Iterator;
import java.util.List;

/**
 * An opened import file read one row at a time: its header row, then data rows, never all at once.
 * Open one with {@link SheetFile#open}.
 */
public interface Sheet extends Closeable {

    /** XLSX, CSV or VCARD. */
    String format();

    /** How a text file was decoded ("UTF-8 (BOM)", "GB18030"); null for a workbook. */
    String encoding();

    /** The CSV delimiter found; null for other formats. */
    Character delimiter();

    List<String> headers();

    /** The data rows after the header, read as they are asked for. */
    Iterator<Row> rows();

    /** A data row: its line (row number as the spreadsheet shows it) and its cells by column. */
    record Row(long line, List<String> cells) {
    }
}
