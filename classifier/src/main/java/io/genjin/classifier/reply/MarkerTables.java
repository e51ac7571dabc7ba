package io.genjin.classifier.reply;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The marker tables under {@code markers/}: one row per localised string a mail client writes, with
 * the language, the client and where the string was taken from. Rows are read once; a new language
 * or client is a new row, not code.
 */
public final class MarkerTables {

    /** One row: the columns before the source, in file order. */
    public record Row(List<String> columns, String source) {
        public String get(int i) {
            return columns.get(i);
        }
    }

    private static final MarkerTables INSTANCE = new MarkerTables();

    private final List<Row> quoteHeaders = read("quote-headers.tsv");
    private final List<Row> banners = read("banners.tsv");
    private final List<Row> headerLabels = read("header-labels.tsv");
    private final List<Row> subjectPrefixes = read("subject-prefixes.tsv");
    private final List<Row> signatures = read("signatures.tsv");
    private final List<Row> attributionWords = read("attribution-words.tsv");
    private final List<Row> languages = read("languages.tsv");

    private MarkerTables() {
    }

    public static MarkerTables get() {
        return INSTANCE;
    }

    /** lang, client, template (placeholders {sender} {name} {address} {date} {time} {isodate}). */
    public List<Row> quoteHeaders() {
        return quoteHeaders;
    }

    /** kind (forward, original, forward_word, original_word), lang, client, text. */
    public List<Row> banners() {
        return banners;
    }

    /** field (from, to, cc, bcc, date, subject, reply_to), lang, client, label. */
    public List<Row> headerLabels() {
        return headerLabels;
    }

    /** kind (reply, forward), lang, client, prefix. */
    public List<Row> subjectPrefixes() {
        return subjectPrefixes;
    }

    /** kind (sign_off, mobile_footer, marker), lang, client, text (placeholders {device} {app}). */
    public List<Row> signatures() {
        return signatures;
    }

    /** kind (verb, lead), lang, word: attribution words beyond those the templates spell out. */
    public List<Row> attributionWords() {
        return attributionWords;
    }

    /** code, name, family. */
    public List<Row> languages() {
        return languages;
    }

    /** The language family of a code such as "de", "pt-BR" or "zh-CN"; "other" when unlisted. */
    public String family(String lang) {
        String base = lang == null ? "" : lang.toLowerCase(Locale.ROOT);
        if (base.isEmpty() || base.equals("und")) {
            return "undetermined";
        }
        for (Row row : languages) {
            if (row.get(0).equalsIgnoreCase(base)) {
                return row.get(2);
            }
        }
        int dash = base.indexOf('-');
        return dash > 0 ? family(base.substring(0, dash)) : "other";
    }

    private static List<Row> read(String name) {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = MarkerTables.class.getResourceAsStream("markers/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing marker table " + name);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] cells = line.split("\t", -1);
                List<String> columns = new ArrayList<>(List.of(cells).subList(0, cells.length - 1));
                rows.add(new Row(List.copyOf(columns), cells[cells.length - 1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(rows);
    }
}
