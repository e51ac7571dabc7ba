package io.genjin.reports.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A CSV (or Excel "Unicode text") file in the encoding and with the delimiter found in it. */
final class CsvSheet implements Sheet {
    private static final char[] DELIMITERS = {',', ';', '\t'};
    private final TextEncoding encoding;
    private final char delimiter;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> headers;

    private CsvSheet(TextEncoding encoding, char delimiter, CSVParser parser) {
        this.encoding = encoding;
        this.delimiter = delimiter;
        this.parser = parser;
        this.records = parser.iterator();
        this.headers = records.hasNext() ? records.next().toList() : List.of();
    }

    static Sheet open(Path file, TextEncoding encoding) throws IOException, UnreadableFile {
        char delimiter = delimiter(file, encoding);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
        CSVParser parser = CSVParser.parse(reader(file, encoding), format);
        CsvSheet sheet = new CsvSheet(encoding, delimiter, parser);
        if (sheet.headers.isEmpty()) {
            sheet.close();
            throw new UnreadableFile("empty", "The file has no header row.");
        }
        return sheet;
    }

    private static Reader reader(Path file, TextEncoding encoding) throws IOException {
        var in = Files.newInputStream(file);
        in.skipNBytes(encoding.bomLength());
        return new BufferedReader(new InputStreamReader(in, encoding.charset()), 64 * 1024);
    }

    /**
     * The delimiter that splits the header line into the most fields, among those that split the
     * next lines the same way (a comma inside a quoted company name does not count).
     */
    static char delimiter(Path file, TextEncoding encoding) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(reader(file, encoding))) {
            String line;
            while (lines.size() < 20 && (line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        char best = ',';
        int bestScore = 0;
        for (char candidate : DELIMITERS) {
            int header = lines.isEmpty() ? 0 : count(lines.get(0), candidate);
            int consistent = 0;
            for (String line : lines) {
                if (count(line, candidate) == header) {
                    consistent++;
                }
            }
            int score = header == 0 ? 0 : header * consistent;
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    private static int count(String line, char delimiter) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                count++;
            }
        }
        return count;
    }

    @Override
    public String format() {
        return "CSV";
    }

    @Override
    public String encoding() {
        return encoding.label();
    }

    @Override
    public Character delimiter() {
        return delimiter;
    }

    @Override
    public List<String> headers() {
        return headers;
    }

    @Override
    public Iterator<Row> rows() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public Row next() {
                CSVRecord record = records.next();
                return new Row(record.getRecordNumber(), record.toList());
            }
        };
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
