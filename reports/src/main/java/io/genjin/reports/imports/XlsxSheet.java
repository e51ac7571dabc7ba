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

    /**
     * The data rows of the first sheet, counted by the row elements in its XML without reading a
     * cell (the shared strings are not loaded, no element is parsed): a few tenths of a second for
     * 100,000 rows where reading them takes seconds. Empty when the sheet's part cannot be found
     * this way (the caller counts by reading).
     */
    static java.util.OptionalLong countRows(Path file) throws IOException {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            String workbook = target(zip, "_rels/.rels", "officeDocument", "", null).orElse("xl/workbook.xml");
            String dir = workbook.contains("/") ? workbook.substring(0, workbook.lastIndexOf('/') + 1) : "";
            java.util.Optional<String> sheetId = firstSheetId(zip, workbook);
            if (sheetId.isEmpty()) {
                return java.util.OptionalLong.empty();
            }
            java.util.Optional<String> part = target(zip, dir + "_rels/" + workbook.substring(dir.length()) + ".rels", null,
                    dir, sheetId.get());
            java.util.zip.ZipEntry entry = part.map(zip::getEntry).orElse(null);
            if (entry == null) {
                return java.util.OptionalLong.empty();
            }
            long rows;
            try (java.io.InputStream in = new java.io.BufferedInputStream(zip.getInputStream(entry), 1 << 16)) {
                rows = rowElements(in);
            }
            return rows == 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(rows - 1);
        } catch (java.util.zip.ZipException | IllegalArgumentException e) {
            return java.util.OptionalLong.empty();
        }
    }

    private static final java.util.regex.Pattern SHEET_ID = java.util.regex.Pattern.compile(
            "<(?:\\w+:)?sheet\\s[^>]*?\\b\\w+:id=\"([^\"]+)\"");
    private static final java.util.regex.Pattern RELATIONSHIP = java.util.regex.Pattern.compile("<(?:\\w+:)?Relationship\\s[^>]*>");

    private static java.util.Optional<String> firstSheetId(java.util.zip.ZipFile zip, String workbook) throws IOException {
        java.util.zip.ZipEntry entry = zip.getEntry(workbook);
        if (entry == null) {
            return java.util.Optional.empty();
        }
        java.util.regex.Matcher m = SHEET_ID.matcher(new String(zip.getInputStream(entry).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8));
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    /** The target of the relationship of that type (its name's end) or id, as a path in the package. */
    private static java.util.Optional<String> target(java.util.zip.ZipFile zip, String rels, String type, String dir, String id)
            throws IOException {
        java.util.zip.ZipEntry entry = zip.getEntry(rels);
        if (entry == null) {
            return java.util.Optional.empty();
        }
        java.util.regex.Matcher m = RELATIONSHIP.matcher(new String(zip.getInputStream(entry).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8));
        while (m.find()) {
            String element = m.group();
            String target = attribute(element, "Target");
            boolean wanted = id != null ? id.equals(attribute(element, "Id"))
                    : attribute(element, "Type") != null && attribute(element, "Type").endsWith("/" + type);
            if (wanted && target != null) {
                return java.util.Optional.of(target.startsWith("/") ? target.substring(1) : dir + target);
            }
        }
        return java.util.Optional.empty();
    }

    private static String attribute(String element, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(element);
        return m.find() ? m.group(1) : null;
    }

    /** Counts the {@code <row>} start tags, with or without a namespace prefix ({@code <x:row>}). */
    static long rowElements(java.io.InputStream in) throws IOException {
        long rows = 0;
        int b = in.read();
        while (b != -1) {
            if (b != '<') {
                b = in.read();
                continue;
            }
            // a tag's name: its local part is what follows the last ':'
            int local = 0;
            boolean row = true;
            while ((b = in.read()) != -1 && b != ' ' && b != '>' && b != '/' && b != '\t' && b != '\n' && b != '\r'
                    && b != '<') {
                if (b == ':') {
                    local = 0;
                    row = true;
                    continue;
                }
                row = row && local < 3 && b == "row".charAt(local);
                local++;
            }
            if (row && local == 3 && b != '<') {
                rows++;
            }
        }
        return rows;
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
