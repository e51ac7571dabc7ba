package io.genjin.reports.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;


/**
 * The first sheet of an XLSX workbook, streamed (fastexcel-reader parses the sheet's XML as it is
 * read). A number cell gives its stored value ("45292", "1250.5"): a date column holds Excel serial
 * days, which {@link RowCheck} reads as dates.
 */
final class XlsxSheet implements Sheet {
    private final ReadableWorkbook workbook;
    private final Stream<org.dhatim.fastexcel.reader.Row> stream;
    private final Iterator<org.dhatim.fastexcel.reader.Row> rows;
    private final List<String> headers;

    private XlsxSheet(ReadableWorkbook workbook) throws IOException {
        this.workbook = workbook;
        this.stream = workbook.getFirstSheet().openStream();
        this.rows = stream.iterator();
        this.headers = rows.hasNext() ? cells(rows.next()) : List.of();
    }

    static Sheet open(Path file) throws IOException, UnreadableFile {
        ReadableWorkbook workbook;
        try {
            workbook = new ReadableWorkbook(file.toFile());
        } catch (ExcelReaderException | IOException | IllegalStateException | IllegalArgumentException e) {
            throw new UnreadableFile("not-a-sheet", "The file is a ZIP archive but not an XLSX workbook.", e);
        }
        XlsxSheet sheet;
        try {
            sheet = new XlsxSheet(workbook);
        } catch (IOException | RuntimeException e) {
            workbook.close();
            throw new UnreadableFile("broken", "The workbook's first sheet cannot be read.", e);
        }
        if (sheet.headers.stream().allMatch(String::isBlank)) {
            sheet.close();
            throw new UnreadableFile("empty", "The workbook's first sheet has no header row.");
        }
        return sheet;
    }

    private static List<String> cells(org.dhatim.fastexcel.reader.Row row) {
        List<String> cells = new ArrayList<>(row.getCellCount());
        for (int i = 0; i < row.getCellCount(); i++) {
            Cell cell = row.getCell(i);
            if (cell == null) {
                cells.add("");
            } else {
                String value = switch (cell.getType()) {
                    case NUMBER, FORMULA -> cell.getRawValue();
                    case ERROR, EMPTY -> "";
                    default -> cell.getText();
                };
                cells.add(value == null ? "" : value);
            }
        }
        return cells;
    }

    @Override
    public String format() {
        return "XLSX";
    }

    @Override
    public String encoding() {
        return null;
    }

    @Override
    public Character delimiter() {
        return null;
    }

    @Override
    public List<String> headers() {
        return headers;
    }

    @Override
    public Iterator<Sheet.Row> rows() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Sheet.Row next() {
                org.dhatim.fastexcel.reader.Row row = rows.next();
                return new Sheet.Row(row.getRowNum(), cells(row));
            }
        };
    }

    @Override
    public void close() throws IOException {
        stream.close();
        workbook.close();
    }
}
