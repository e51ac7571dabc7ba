package io.genjin.reports.imports;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which field each column feeds, by column position; a column mapped to nothing is ignored. A person
 * adjusts the guess and may keep it as a named profile, which is stored by header name so that it
 * fits the next export of the same tool even when its columns move.
 */
public record ColumnMapping(Map<Integer, ImportField> columns) {

    public ColumnMapping {
        columns = Map.copyOf(columns);
    }

    /** The best guess from the headers: each single field goes to its best-named column. */
    public static ColumnMapping guess(List<String> headers) {
        Map<Integer, ImportField> columns = new LinkedHashMap<>();
        Map<ImportField, int[]> best = new EnumMap<>(ImportField.class);
        for (int i = 0; i < headers.size(); i++) {
            for (ImportField field : ImportField.values()) {
                int score = field.match(headers.get(i));
                if (score < 0 || columns.containsKey(i)) {
                    continue;
                }
                if (field.multi()) {
                    columns.put(i, field);
                } else if (!best.containsKey(field) || score < best.get(field)[1]) {
                    if (best.containsKey(field)) {
                        columns.remove(best.get(field)[0]);
                    }
                    best.put(field, new int[] {i, score});
                    columns.put(i, field);
                }
            }
        }
        return new ColumnMapping(columns);
    }

    /** A mapping kept by header names, applied to this sheet's headers; unknown headers are ignored. */
    public static ColumnMapping byHeaders(List<String> headers, Map<String, ImportField> byName) {
        Map<Integer, ImportField> columns = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            ImportField field = byName.get(headers.get(i));
            if (field != null) {
                columns.put(i, field);
            }
        }
        return new ColumnMapping(columns);
    }

    /** This mapping by header name, to keep as a profile. */
    public Map<String, ImportField> byName(List<String> headers) {
        Map<String, ImportField> named = new LinkedHashMap<>();
        columns.forEach((i, field) -> {
            if (i < headers.size()) {
                named.put(headers.get(i), field);
            }
        });
        return named;
    }

    public boolean has(ImportField field) {
        return columns.containsValue(field);
    }

    /** The non-blank values of a row's columns that feed the field, in column order. */
    List<String> values(List<String> row, ImportField field) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            String value = row.get(i);
            if (field == columns.get(i) && value != null && !value.isBlank()) {
                values.add(value.trim());
            }
        }
        return values;
    }

    String value(List<String> row, ImportField field) {
        List<String> values = values(row, field);
        return values.isEmpty() ? null : values.get(0);
    }
}
