package io.genjin.app.imports;

import io.genjin.reports.imports.ImportField;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One uploaded file on its way in: what it is, the mapping chosen, and the preview's and the run's
 * figures. The file itself stays in the data directory until the import is removed. {@code done} and
 * {@code total} are the progress of what is running (preview or import).
 */
@Document("imports")
public record ImportJob(String id, String userId, String fileName, String format, String encoding, String delimiter,
        List<String> headers, List<Column> mapping, String ownerId, Status status, long done, long total,
        Figures preview, Figures result, String error, String locale, Instant createdAt, Instant finishedAt) {

    public enum Status {
        UPLOADED, PREVIEWING, PREVIEWED, RUNNING, DONE, FAILED
    }

    /** A column by position and header, and the field it feeds (null: ignored). */
    public record Column(int index, String header, ImportField field) {
    }

    /** A report's figures as stored: counts per outcome and per reason, contacts and orders, examples. */
    public record Figures(long rows, Map<String, Long> outcomes, Map<String, Long> reasons, long contacts, long orders,
            List<io.genjin.reports.imports.ImportReport.Example> examples) {

        static Figures of(io.genjin.reports.imports.ImportReport report) {
            Map<String, Long> outcomes = new java.util.LinkedHashMap<>();
            report.outcomes().forEach((k, v) -> outcomes.put(k.name(), v));
            return new Figures(report.rows(), outcomes, report.reasons(), report.contacts(), report.orders(),
                    report.examples());
        }
    }

    ImportJob with(Status status, long done, long total) {
        return new ImportJob(id, userId, fileName, format, encoding, delimiter, headers, mapping, ownerId, status, done,
                total, preview, result, error, locale, createdAt, finishedAt);
    }

    ImportJob withMapping(List<Column> mapping, String ownerId) {
        return new ImportJob(id, userId, fileName, format, encoding, delimiter, headers, mapping, ownerId, status, done,
                total, null, result, error, locale, createdAt, finishedAt);
    }

    ImportJob previewed(Figures preview, long total) {
        return new ImportJob(id, userId, fileName, format, encoding, delimiter, headers, mapping, ownerId,
                Status.PREVIEWED, total, total, preview, result, null, locale, createdAt, finishedAt);
    }

    ImportJob finished(Figures result, Instant at) {
        return new ImportJob(id, userId, fileName, format, encoding, delimiter, headers, mapping, ownerId, Status.DONE,
                result.rows(), result.rows(), preview, result, null, locale, createdAt, at);
    }

    ImportJob failed(String error, Instant at) {
        return new ImportJob(id, userId, fileName, format, encoding, delimiter, headers, mapping, ownerId,
                Status.FAILED, done, total, preview, result, error, locale, createdAt, at);
    }
}
