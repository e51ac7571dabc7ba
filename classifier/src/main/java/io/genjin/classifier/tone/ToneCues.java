package io.genjin.classifier.tone;

import io.genjin.classifier.intent.Tokens;
import io.genjin.classifier.text.PhraseIndex;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tone model's features: the intent model's {@link Tokens} plus one {@code <class>} token per cue of
 * {@code tone-cues.tsv} found (grievance, delay, threat, no reply, problem, praise, regret), or
 * {@code <no-class>} when a negation word is among the three words (or, in Chinese and Japanese, the three
 * characters) before it: "no complaints", "nothing wrong", "没有投诉". The cues carry what a few hundred
 * examples cannot: that "shrinks", "掉色" and "credit note" are grievances although no example used them.
 */
final class ToneCues {

    private record Cue(String cls, String text, boolean spaced) {
    }

    private static final java.util.Map<String, List<Cue>> CUES = new java.util.LinkedHashMap<>();
    private static final PhraseIndex<Cue> INDEX;
    private static final Set<String> NEGATIONS_SPACED = new HashSet<>();
    private static final Set<String> NEGATIONS_RUN_ON = new HashSet<>();

    static {
        try (InputStream in = ToneCues.class.getResourceAsStream("tone-cues.tsv")) {
            if (in == null) {
                throw new IllegalStateException("missing tone-cues.tsv");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] cols = line.split("\t");
                if (line.startsWith("#") || cols.length < 3) {
                    continue;
                }
                String cue = cols[2].strip().toLowerCase(Locale.ROOT);
                boolean spaced = spaced(cue.codePointAt(0));
                if (cols[0].equals("negation")) {
                    (spaced ? NEGATIONS_SPACED : NEGATIONS_RUN_ON).add(cue);
                } else {
                    CUES.computeIfAbsent(cue, c -> new ArrayList<>()).add(new Cue(cols[0], cue, spaced));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        INDEX = new PhraseIndex<>(CUES);
    }

    private ToneCues() {
    }

    static String[] features(String text) {
        String[] words = Tokens.of(text);
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> all = new ArrayList<>(List.of(words));
        INDEX.scan(lower, (cue, at) -> {
            if (!cue.spaced() || at == 0 || !Character.isLetterOrDigit(lower.codePointBefore(at))) {
                all.add(negated(lower, at, cue.spaced()) ? "<no-" + cue.cls() + ">" : "<" + cue.cls() + ">");
            }
        });
        return all.toArray(String[]::new);
    }

    private static boolean negated(String lower, int at, boolean spaced) {
        if (!spaced) {
            String before = lower.substring(Math.max(0, at - 3), at);
            return NEGATIONS_RUN_ON.stream().anyMatch(before::contains);
        }
        String[] before = lower.substring(Math.max(0, at - 40), at).split("[^\\p{L}\\p{N}']+");
        for (int i = Math.max(0, before.length - 3); i < before.length; i++) {
            if (NEGATIONS_SPACED.contains(before[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean spaced(int c) {
        Character.UnicodeScript s = Character.UnicodeScript.of(c);
        return s != Character.UnicodeScript.HAN && s != Character.UnicodeScript.HIRAGANA && s != Character.UnicodeScript.KATAKANA;
    }
}
