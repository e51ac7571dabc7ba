package io.genjin.classifier.intent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Features for the categorizer. Latin/Cyrillic/Arabic words are lower-cased and also emitted as a
 * 5-letter prefix, so "cotización"/"cotizaciones" or "Angebot"/"Angebote" share a feature with
 * few examples. Chinese has no spaces: each Han run becomes character unigrams and bigrams
 * (报价 from 报价单, 样品 from 寄样品). Japanese kana runs are read the same way (見積 and サンプル
 * share no spaces with their neighbours), and a Hangul word also gives its first two syllables
 * (견적서 and 견적을 share 견적~).
 */
public final class Tokens {

    private static final int PREFIX = 5;
    /** The models read the first this many characters of a text: the opening says what a mail is about. */
    public static final int MAX_CHARS = 1_500;

    private Tokens() {
    }

    /** The part of {@code text} the models read (the text itself when short enough). */
    public static String clip(String text) {
        String t = text == null ? "" : text;
        return t.length() > MAX_CHARS ? t.substring(0, MAX_CHARS) : t;
    }

    public static String[] of(String text) {
        List<String> tokens = new ArrayList<>();
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        StringBuilder word = new StringBuilder();
        StringBuilder han = new StringBuilder();
        for (int i = 0; i < lower.length(); ) {
            int c = lower.codePointAt(i);
            i += Character.charCount(c);
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || c == 'ー') {
                flushWord(word, tokens);
                han.appendCodePoint(c);
            } else if (Character.isLetterOrDigit(c)) {
                flushHan(han, tokens);
                word.appendCodePoint(c);
            } else {
                flushWord(word, tokens);
                flushHan(han, tokens);
                if (c == '?' || c == '？') {
                    tokens.add("<q>");
                }
            }
        }
        flushWord(word, tokens);
        flushHan(han, tokens);
        tokens.addAll(TradeLexicon.concepts(lower));
        return tokens.toArray(String[]::new);
    }

    private static void flushWord(StringBuilder word, List<String> tokens) {
        if (word.isEmpty()) {
            return;
        }
        String w = word.toString();
        if (w.chars().allMatch(Character::isDigit)) {
            tokens.add("<num>");
        } else {
            tokens.add(w);
            if (Character.UnicodeScript.of(w.codePointAt(0)) == Character.UnicodeScript.HANGUL) {
                if (w.length() > 2) {
                    tokens.add(w.substring(0, 2) + "~");
                }
            } else if (w.length() > PREFIX + 1) {
                tokens.add(w.substring(0, PREFIX) + "~");
            }
        }
        word.setLength(0);
    }

    private static void flushHan(StringBuilder han, List<String> tokens) {
        if (han.isEmpty()) {
            return;
        }
        String h = han.toString();
        int[] cps = h.codePoints().toArray();
        for (int k = 0; k < cps.length; k++) {
            tokens.add(new String(cps, k, 1));
            if (k + 1 < cps.length) {
                tokens.add(new String(cps, k, 2));
            }
        }
        han.setLength(0);
    }
}
