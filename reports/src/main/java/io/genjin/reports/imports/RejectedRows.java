package io.genjin.reports.imports;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The rejected rows of a run as a CSV a person opens in Excel or WPS: UTF-8 with a BOM (without it
 * Chinese Excel reads the file as GBK), the original columns, then the row number, reason and value.
 */
public final class RejectedRows implements Closeable {
    private final CSVPrinter printer;

    public RejectedRows(Path file, List<String> headers) throws IOException {
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        printer = new CSVPrinter(writer, CSVFormat.EXCEL);
        List<String> header = new ArrayList<>(headers);
        header.addAll(List.of("row", "reason", "value"));
        printer.printRecord(header);
    }

    /** @param reason the reason as the person reads it, in their language */
    public void add(Rejection rejection, String reason) throws IOException {
        List<String> record = new ArrayList<>(rejection.cells());
        record.addAll(List.of(Long.toString(rejection.line()), reason, rejection.value() == null ? "" : rejection.value()));
        printer.printRecord(record);
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
