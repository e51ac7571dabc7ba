package io.genjin.classifier.reply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * "Sent from my iPhone" in each language and client: the first form catches unlisted devices and apps, the
 * others are the signature table's mobile footers ({@link #PATTERN}). A hundred footers tried on every line
 * of a reply's new text cost a tenth of the classifier's time, so a line is tried only against the footers
 * that open with its first char (after spaces), case folded as the regex compares, and those that open with
 * a {device} and close with its last char (before the closing marks). A whole-line match of an alternation
 * is a match of one of its alternatives, so the answer is the same.
 */
final class MobileFooters {

    private static final String SENT = "sent|envoyé|enviado|inviato|verzonden|gesendet|skickat|sendt|wysłane|odesláno|отправлено|gönderildi";
    private static final String SENT_FROM = "^\\s*(" + SENT + ") (from|de|desde|da|vanaf|von|med|fra|z|с|из|via|from my|with)\\b.{0,60}$";
    private static final List<String> FOOTERS = MarkerTables.get().signatures().stream()
            .filter(r -> r.get(0).equals("mobile_footer")).map(r -> r.get(3)).toList();
    /** Every form in one regex: what {@link #matches} answers. */
    static final Pattern PATTERN = Pattern.compile("(?iu)" + SENT_FROM + "|" + footers(FOOTERS));
    private static final Pattern SENT_FROM_PATTERN = Pattern.compile("(?iu)" + SENT_FROM);
    private static final Set<Character> SENT_OPENING = new HashSet<>();
    private static final Map<Character, Pattern> BY_OPENING = new HashMap<>();
    private static final Map<Character, Pattern> BY_CLOSING = new HashMap<>();
    /** A footer that opens or closes with no fixed char (or a space, which the regex's \s* may give back) takes {@link #PATTERN}. */
    private static final boolean WHOLE_PATTERN;

    static {
        for (String word : SENT.split("\\|")) {
            SENT_OPENING.addAll(folds(word.charAt(0)));
        }
        Map<Character, List<String>> byOpening = new HashMap<>();
        Map<Character, List<String>> byClosing = new HashMap<>();
        boolean whole = false;
        for (String footer : FOOTERS) {
            String literal = footer;
            while (!literal.isEmpty() && isClosingMark(literal.charAt(literal.length() - 1))) {
                literal = literal.substring(0, literal.length() - 1);
            }
            boolean placeholderFirst = literal.startsWith("{device}") || literal.startsWith("{app}");
            if (literal.isEmpty() || placeholderFirst && (literal.endsWith("{device}") || literal.endsWith("{app}"))) {
                whole = true;
            } else if (!placeholderFirst) {
                char c = literal.charAt(0);
                whole |= isSpace(c) || Character.isSurrogate(c);
                folds(c).forEach(f -> byOpening.computeIfAbsent(f, k -> new ArrayList<>()).add(footer));
            } else {
                char c = literal.charAt(literal.length() - 1);
                whole |= Character.isSurrogate(c);
                folds(c).forEach(f -> byClosing.computeIfAbsent(f, k -> new ArrayList<>()).add(footer));
            }
        }
        byOpening.forEach((c, footers) -> BY_OPENING.put(c, Pattern.compile("(?iu)" + footers(footers))));
        byClosing.forEach((c, footers) -> BY_CLOSING.put(c, Pattern.compile("(?iu)" + footers(footers))));
        WHOLE_PATTERN = whole;
    }

    private MobileFooters() {
    }

    private static String footers(List<String> footers) {
        return "^\\s*(" + SignatureReader.alternation(footers) + ")[\\s.!。]*$";
    }

    static boolean matches(String line) {
        if (WHOLE_PATTERN) {
            return PATTERN.matcher(line).matches();
        }
        int first = 0;
        while (first < line.length() && isSpace(line.charAt(first))) {
            first++;
        }
        if (first < line.length()) {
            char opening = fold(line.charAt(first));
            if (SENT_OPENING.contains(opening) && SENT_FROM_PATTERN.matcher(line).matches()) {
                return true;
            }
            Pattern footers = BY_OPENING.get(opening);
            if (footers != null && footers.matcher(line).matches()) {
                return true;
            }
        }
        int last = line.length() - 1;
        while (last >= 0 && isClosingMark(line.charAt(last))) {
            last--;
        }
        Pattern footers = last >= 0 ? BY_CLOSING.get(fold(line.charAt(last))) : null;
        return footers != null && footers.matcher(line).matches();
    }

    /*
     * (?iu) takes a char of the text for one of the pattern's when the pattern's folded char is the text's
     * char or the text's folded char: a footer is filed under both its char's fold and that fold's own fold.
     */
    private static List<Character> folds(char c) {
        char folded = fold(c);
        return fold(folded) == folded ? List.of(folded) : List.of(folded, fold(folded));
    }

    private static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    /** The regex's \s (without UNICODE_CHARACTER_CLASS). */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** [\s.!。], which may follow a footer. */
    private static boolean isClosingMark(char c) {
        return isSpace(c) || c == '.' || c == '!' || c == '。';
    }
}
