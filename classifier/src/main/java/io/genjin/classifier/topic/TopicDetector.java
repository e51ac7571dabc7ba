package io.genjin.classifier.topic;

import io.genjin.classifier.text.PhraseIndex;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Topics from the phrase table {@code topics.tsv} ({@code topic<TAB>language<TAB>match<TAB>phrase<TAB>note}).
 * A {@code phrase} matches case-folded, and where it starts or ends with a letter of a spaced script that
 * end must not touch another letter ("eta" is not in "metal"); a trailing {@code *} lets the word go on
 * ("discount*" is "discounts", "скидк*" is "скидку"). An {@code acronym} matches as written, a whole word
 * ("CE", "UL", "RED" but not "red"). Han and kana phrases need no boundaries.
 */
public final class TopicDetector {

    public static final String RESOURCE = "topics.tsv";

    private record Entry(Topic topic, String phrase, boolean acronym, boolean prefix) {
    }

    private final PhraseIndex<Entry> folded;
    private final PhraseIndex<Entry> asWritten;

    public TopicDetector() {
        List<Entry> entries = load();
        this.folded = index(entries, false);
        this.asWritten = index(entries, true);
    }

    private static PhraseIndex<Entry> index(List<Entry> entries, boolean acronyms) {
        Map<String, List<Entry>> phrases = new LinkedHashMap<>();
        entries.stream().filter(e -> e.acronym() == acronyms)
                .forEach(e -> phrases.computeIfAbsent(e.phrase(), p -> new ArrayList<>()).add(e));
        return new PhraseIndex<>(phrases);
    }

    /** The topics of a text, in {@link Topic} order, each once. */
    public List<Topic> detect(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Set<Topic> found = EnumSet.noneOf(Topic.class);
        String lower = text.toLowerCase(Locale.ROOT);
        folded.scan(lower, (e, at) -> {
            if (bounded(lower, at, e)) {
                found.add(e.topic());
            }
        });
        asWritten.scan(text, (e, at) -> {
            if (bounded(text, at, e)) {
                found.add(e.topic());
            }
        });
        return List.copyOf(found);
    }

    private static boolean bounded(String text, int at, Entry e) {
        String p = e.phrase();
        int end = at + p.length();
        boolean left = !spacedLetter(p.codePointAt(0)) || at == 0 || !Character.isLetterOrDigit(text.codePointBefore(at));
        boolean right = e.prefix() || !spacedLetter(p.codePointBefore(p.length())) || end >= text.length()
                || !Character.isLetterOrDigit(text.codePointAt(end));
        return left && right;
    }

    /* A letter of a script written with spaces between words: Han, kana and Thai run on, so no boundary there. */
    private static boolean spacedLetter(int c) {
        if (!Character.isLetterOrDigit(c)) {
            return false;
        }
        Character.UnicodeScript s = Character.UnicodeScript.of(c);
        return s != Character.UnicodeScript.HAN && s != Character.UnicodeScript.HIRAGANA
                && s != Character.UnicodeScript.KATAKANA && s != Character.UnicodeScript.THAI;
    }

    private static List<Entry> load() {
        try (InputStream in = TopicDetector.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Entry> parse(String content) {
        List<Entry> entries = new ArrayList<>();
        for (String line : content.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            if (cols.length < 4) {
                throw new IllegalArgumentException("not topic<TAB>language<TAB>match<TAB>phrase[<TAB>note]: " + line);
            }
            boolean acronym = switch (cols[2].strip()) {
                case "acronym" -> true;
                case "phrase" -> false;
                default -> throw new IllegalArgumentException("match is phrase or acronym: " + line);
            };
            String phrase = cols[3].strip();
            boolean prefix = phrase.endsWith("*");
            phrase = prefix ? phrase.substring(0, phrase.length() - 1) : phrase;
            entries.add(new Entry(Topic.of(cols[0]), acronym ? phrase : phrase.toLowerCase(Locale.ROOT), acronym, prefix));
        }
        return entries;
    }
}
