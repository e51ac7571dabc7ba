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
 * {@code tone-cues.tsv} found (grievance, delay, threat, no reply, problem, praise, regret, shortfall, demand,
 * contrast, thanks, chase), or {@code <no-class>} when a negation word is among the three words (in Chinese
 * and Japanese, the five characters) before it, or a following negation right after it: "no complaints",
 * "没有什么问题", "претензий нет". The cues carry what a few hundred
 * examples cannot: that "shrinks", "掉色" and "credit note" are grievances although no example used them.
 */
final class ToneCues {

    private record Cue(String cls, String text, boolean spaced) {
    }

    private static final java.util.Map<String, List<Cue>> CUES = new java.util.LinkedHashMap<>();
    private static final PhraseIndex<Cue> INDEX;
    private static final Set<String> NEGATIONS_SPACED = new HashSet<>();
    private static final Set<String> NEGATIONS_RUN_ON = new HashSet<>();
    private static final Set<String> POST_NEGATIONS_SPACED = new HashSet<>();
    private static final Set<String> POST_NEGATIONS_RUN_ON = new HashSet<>();
    /*
     * A class the training lines seldom show also counts as the class they show often, whose weight the model
     * has learnt: a shortfall or a demand to pay is a grievance even where no training line had one.
     */
    private static final java.util.Map<String, String> KIN = java.util.Map.of("short", "griev", "demand", "griev");
    /* Classes of what a supplier did wrong; with courtesy or a turn around them they make the combined features. */
    private static final Set<String> GRIEVANCES = Set.of("griev", "delay", "short", "threat", "noreply", "demand");
    private static final Set<String> GRIEVANCE_FEATURES = Set.of("<griev>", "<delay>", "<short>", "<threat>", "<noreply>",
            "<demand>", "<problem>", "<courteous-griev>", "<turn-griev>");

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
                } else if (cols[0].equals("postneg")) {
                    (spaced ? POST_NEGATIONS_SPACED : POST_NEGATIONS_RUN_ON).add(cue);
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
        return features(text, Tokens.of(text));
    }

    /**
     * The tone features of {@code text} whose intent tokens are already known ({@code words}, from
     * {@link Tokens#of}): one tokenisation serves both models. Besides one feature per cue, three that
     * say how the cues stand together, which a few hundred examples cannot learn word by word: a grievance
     * next to courtesy or praise ({@code <courteous-griev>}: "We appreciate your efforts, however…",
     * "Great, another delay"), a grievance after a turn ({@code <turn-griev>}), and thanks with no other
     * cue at all ({@code <thanks-only>}: a closing "Thanks, Sarah" on a plain question).
     */
    static String[] features(String text, String[] words) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> all = new ArrayList<>(words.length + 8);
        all.addAll(List.of(words));
        Set<String> found = new HashSet<>();
        INDEX.scan(lower, (cue, at) -> {
            if (!cue.spaced() || at == 0 || !Character.isLetterOrDigit(lower.codePointBefore(at))) {
                boolean negated = negated(lower, at, cue.spaced()) || negatedAfter(lower, at + cue.text().length(), cue.spaced());
                all.add(negated ? "<no-" + cue.cls() + ">" : "<" + cue.cls() + ">");
                if (!negated && KIN.containsKey(cue.cls())) {
                    all.add("<" + KIN.get(cue.cls()) + ">");
                }
                if (!negated) {
                    found.add(cue.cls());
                }
            }
        });
        boolean grievance = found.stream().anyMatch(GRIEVANCES::contains);
        if (grievance && (found.contains("pos") || found.contains("thanks"))) {
            all.add("<courteous-griev>");
        }
        if (grievance && found.contains("contrast")) {
            all.add("<turn-griev>");
        }
        if (found.equals(Set.of("thanks")) || found.equals(Set.of("thanks", "chase"))) {
            all.add("<thanks-only>");
        }
        return all.toArray(String[]::new);
    }

    /** Whether {@code features} (of {@link #features}) hold a cue of a grievance, not negated. */
    static boolean hasGrievance(String[] features) {
        for (String f : features) {
            if (f.length() > 2 && f.charAt(0) == '<' && f.charAt(1) != 'n' && (GRIEVANCE_FEATURES.contains(f))) {
                return true;
            }
        }
        return false;
    }

    /* 問題ありません, претензий нет, sorun yok: the negation follows its word. */
    private static boolean negatedAfter(String lower, int end, boolean spaced) {
        if (!spaced) {
            String after = lower.substring(end, Math.min(lower.length(), end + 6));
            return POST_NEGATIONS_RUN_ON.stream().anyMatch(after::contains);
        }
        String[] after = lower.substring(end, Math.min(lower.length(), end + 20)).split("[^\\p{L}\\p{N}']+");
        for (int i = 0; i < Math.min(after.length, 3); i++) {
            if (POST_NEGATIONS_SPACED.contains(after[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean negated(String lower, int at, boolean spaced) {
        if (!spaced) {
            // 没有什么问题, 没出现过问题: five characters reach over a measure word or a verb.
            String before = lower.substring(Math.max(0, at - 5), at);
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
