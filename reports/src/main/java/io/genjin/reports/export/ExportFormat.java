package io.genjin.reports.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The file formats of an export, by the extension a person asks for. */
public enum ExportFormat {
    CSV("csv", "text/csv;charset=UTF-8") {
        @Override
        public void write(String sheet, List<String> header, Iterator<List<Cell>> rows, OutputStream out) throws IOException {
            CsvTable.write(header, rows, out, true);
        }
    },
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") {
        @Override
        public void write(String sheet, List<String> header, Iterator<List<Cell>> rows, OutputStream out) throws IOException {
            XlsxTable.write(sheet, header, rows, out);
        }
    };

    private final String extension;
    private final String mediaType;

    ExportFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /**
     * Writes a header row and then the rows, each as soon as the iterator gives it; does not close
     * {@code out}.
     *
     * @param sheet the worksheet's name where the format has sheets
     */
    public abstract void write(String sheet, List<String> header, Iterator<List<Cell>> rows, OutputStream out)
            throws IOException;

    /**
     * Several tables in one XLSX workbook, a sheet each, written one after the other as their rows
     * are read (a CSV file holds one table: write each on its own with {@link Table#write}). Does not
     * close {@code out}; closes each table's stream once its sheet is written.
     */
    public static void writeWorkbook(List<Table.Filled<?>> sheets, Function<String, String> label, OutputStream out)
            throws IOException {
        List<XlsxTable.Sheet> parts = new ArrayList<>();
        for (Table.Filled<?> sheet : sheets) {
            parts.add(new XlsxTable.Sheet(sheet.table().name(), sheet.table().header(label), sheet::cells, sheet.rows()));
        }
        XlsxTable.write(parts, out);
    }

    public static Optional<ExportFormat> byExtension(String extension) {
        for (ExportFormat format : values()) {
            if (format.extension.equals(extension == null ? null : extension.toLowerCase(Locale.ROOT))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
