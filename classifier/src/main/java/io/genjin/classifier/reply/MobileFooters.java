package io.genjin.classifier.reply;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * "Sent from my iPhone" in each language and client: the first form catches unlisted devices and apps, the
 * others are the signature table's mobile footers. The regex tries a hundred footers on every line of a
 * reply's new text; a line goes to it only when its first char (after spaces) may open a footer or its last
 * (before the closing marks) may close one that opens with a {device}, which takes out most lines at once.
 */
final class MobileFooters {

    private static final String SENT = "sent|envoyé|enviado|inviato|verzonden|gesendet|skickat|sendt|wysłane|odesláno|отправлено|gönderildi";
    private static final List<String> FOOTERS = MarkerTables.get().signatures().stream()
            .filter(r -> r.get(0).equals("mobile_footer")).map(r -> r.get(3)).toList();
    static final Pattern PATTERN = Pattern.compile(
            "(?iu)^\\s*(" + SENT + ") (from|de|desde|da|vanaf|von|med|fra|z|с|из|via|from my|with)\\b.{0,60}$|"
                    + "^\\s*(" + SignatureReader.table("mobile_footer") + ")[\\s.!。]*$");
    /* The chars, case folded as the regex compares them, that a footer's literal text opens or closes with. */
    private static final Set<Character> OPENING = new HashSet<>();
    private static final Set<Character> CLOSING = new HashSet<>();
    /** A footer that opens or closes with no fixed char (or a space, which the regex's \s* may give back) leaves every line to the regex. */
    private static final boolean EVERY_LINE;

    static {
        boolean everyLine = false;
        for (String word : SENT.split("\\|")) {
            addFolded(OPENING, word.charAt(0));
        }
        for (String footer : FOOTERS) {
            if (!footer.startsWith("{device}") && !footer.startsWith("{app}")) {
                everyLine |= footer.isEmpty() || isSpace(footer.charAt(0)) || Character.isSurrogate(footer.charAt(0));
                addFolded(OPENING, footer.isEmpty() ? ' ' : footer.charAt(0));
                continue;
            }
            int end = footer.length();
            while (end > 0 && isClosingMark(footer.charAt(end - 1))) {
                end--;
            }
            String literal = footer.substring(0, end);
            everyLine |= literal.endsWith("{device}") || literal.endsWith("{app}") || Character.isSurrogate(literal.charAt(end - 1));
            addFolded(CLOSING, literal.charAt(end - 1));
        }
        EVERY_LINE = everyLine;
    }

    private MobileFooters() {
    }

    static boolean matches(String line) {
        return mayMatch(line) && PATTERN.matcher(line).matches();
    }

    private static boolean mayMatch(String line) {
        if (EVERY_LINE) {
            return true;
        }
        int first = 0;
        while (first < line.length() && isSpace(line.charAt(first))) {
            first++;
        }
        int last = line.length() - 1;
        while (last >= 0 && isClosingMark(line.charAt(last))) {
            last--;
        }
        return first < line.length() && OPENING.contains(fold(line.charAt(first)))
                || last >= 0 && CLOSING.contains(fold(line.charAt(last)));
    }

    /*
     * (?iu) takes a char of the text for one of the pattern's when the pattern's folded char is the text's
     * char or its folded char: both the folded char and its own fold are kept.
     */
    private static void addFolded(Set<Character> chars, char c) {
        chars.add(fold(c));
        chars.add(fold(fold(c)));
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
