package io.genjin.classifier.reply;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The labels mail clients print in quoted and forwarded header blocks ("From:", "Von:", "发件人：",
 * "Kopie (CC):" …), read from the {@code header-labels.tsv} marker table.
 */
final class HeaderLabels {

    enum Field { FROM, TO, CC, BCC, DATE, SUBJECT, REPLY_TO }

    private static final Map<String, Field> LABELS = new HashMap<>();

    /* A label two languages use for different fields ("Da": Italian From, Breton To) goes to the field most rows give it. */
    static {
        Map<String, Map<Field, Integer>> votes = new HashMap<>();
        for (MarkerTables.Row row : MarkerTables.get().headerLabels()) {
            votes.computeIfAbsent(key(row.get(3)), k -> new java.util.EnumMap<>(Field.class))
                    .merge(Field.valueOf(row.get(0).toUpperCase(Locale.ROOT)), 1, Integer::sum);
        }
        votes.forEach((label, fields) -> LABELS.put(label,
                fields.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey()));
    }

    /* "Label: value" with optional bold/markdown asterisks, tabs and the full-width colon of CJK clients. */
    private static final Pattern LINE = Pattern.compile("^[\\s>*]*([\\p{L}][\\p{L}\\p{M} ()./'‘’\\u3000-]{0,30}?)\\s*\\*?\\s*[:：]\\s*\\*?[ \\t]*(.*)$");

    private HeaderLabels() {
    }

    /* Aliyun spaces CJK labels with an ideographic space ("主　题"). */
    private static String key(String label) {
        return label.replace(":", "").replace("\u3000", "").strip().toLowerCase(Locale.ROOT);
    }

    record Labelled(Field field, String value) {
    }

    /** The field a "Label: value" line carries, or null. */
    static Labelled parse(String line) {
        int colon = line.indexOf(':');
        int wide = line.indexOf('：');
        int first = colon < 0 ? wide : wide < 0 ? colon : Math.min(colon, wide);
        if (first < 0 || first > 40) {
            return null;
        }
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return null;
        }
        Field field = LABELS.get(key(m.group(1)));
        return field == null ? null : new Labelled(field, m.group(2).strip());
    }

    /** All labels as one alternation, longest first, for splitting one-line (Yahoo) header blocks. */
    static String alternation() {
        return String.join("|", LABELS.keySet().stream()
                .sorted((a, b) -> b.length() - a.length()).map(Pattern::quote).toList());
    }

    static Field field(String label) {
        return LABELS.get(key(label));
    }
}
