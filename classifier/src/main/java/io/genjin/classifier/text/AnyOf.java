package io.genjin.classifier.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a text holds a match of a large alternation of wordings ({@code "do not reply|unsubscribe|…"}):
 * the answer {@code Pattern.compile(regex, flags).matcher(text).find()} gives, found in a fraction of
 * the time. The regex engine tries every alternative at every position of the text; a notice's
 * fifty wordings made that a fifth of the classifier's time. Here each top-level alternative is
 * compiled on its own, with the literal texts every match of it must begin with, worked out from its
 * source ({@code "(please )?do not reply"} begins with {@code "please "} or {@code "do not reply"}). The
 * text is searched for those literals ({@link String#indexOf}), and the alternative is tried only where
 * one begins, with the text around it visible (so {@code \b} and look-behinds judge as before). An
 * alternative whose beginning is not a literal (a class, a wildcard, an escape such as {@code \d}) is
 * searched as before.
 *
 * <p>A regex that cannot be taken apart without changing what it means (a back-reference, an inline
 * flag that reaches past its alternative, flags other than case-insensitive, multi-line and dot-all) is
 * searched whole, as before. {@code AnyOfTest} checks the answers against the plain pattern's on the
 * corpora and on generated texts.
 */
public final class AnyOf {
    private static final int SUPPORTED = Pattern.CASE_INSENSITIVE | Pattern.MULTILINE | Pattern.DOTALL;

    private final String regex;
    private final int flags;
    private final boolean foldAscii;
    private final List<Alternative> alternatives;

    /** One alternative and the literals every match of it begins with (folded as the text is); null: unknown. */
    private record Alternative(Pattern pattern, List<String> starts) {
        boolean foundIn(String text, String folded) {
            if (starts == null) {
                return pattern.matcher(text).find();
            }
            Matcher m = null;
            for (String start : starts) {
                for (int at = folded.indexOf(start); at >= 0; at = folded.indexOf(start, at + 1)) {
                    if (m == null) {
                        m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                    }
                    m.region(at, text.length());
                    if (m.lookingAt()) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private AnyOf(String regex, int flags, boolean foldAscii, List<Alternative> alternatives) {
        this.regex = regex;
        this.flags = flags;
        this.foldAscii = foldAscii;
        this.alternatives = alternatives;
    }

    /** The wordings joined as alternatives: {@code of(flags, a, b)} finds what {@code a|b} finds. */
    public static AnyOf of(int flags, String... alternatives) {
        return compile(String.join("|", alternatives), flags);
    }

    public static AnyOf compile(String regex) {
        return compile(regex, 0);
    }

    public static AnyOf compile(String regex, int flags) {
        if (regex.startsWith("(?i)")) {
            // the whole regex case-insensitive: the same as the flag
            return compile(regex.substring(4), flags | Pattern.CASE_INSENSITIVE, regex);
        }
        return compile(regex, flags, regex);
    }

    private static AnyOf compile(String regex, int flags, String given) {
        Pattern whole = Pattern.compile(regex, flags); // refuses a bad regex as Pattern does
        List<String> branches = (flags & ~SUPPORTED) == 0 && separable(regex) ? branches(regex) : null;
        if (branches == null) {
            return new AnyOf(given, flags, false, List.of(new Alternative(whole, null)));
        }
        boolean fold = (flags & Pattern.CASE_INSENSITIVE) != 0;
        List<Alternative> alternatives = new ArrayList<>();
        for (String branch : branches) {
            Set<String> starts = starts(branch);
            List<String> folded = null;
            if (starts != null) {
                folded = new ArrayList<>();
                for (String s : starts) {
                    folded.add(fold ? foldAscii(s) : s);
                }
            }
            alternatives.add(new Alternative(Pattern.compile(branch, flags), folded));
        }
        return new AnyOf(given, flags, fold, List.copyOf(alternatives));
    }

    /** Whether the text holds a match of the regex anywhere. */
    public boolean foundIn(CharSequence input) {
        String text = input.toString();
        String folded = foldAscii ? foldAscii(text) : text;
        for (Alternative a : alternatives) {
            if (a.foundIn(text, folded)) {
                return true;
            }
        }
        return false;
    }

    /** The regex as given, and the flags it is searched with: {@code Pattern.compile(regex(), flags())} finds the same. */
    public String regex() {
        return regex;
    }

    public int flags() {
        return flags;
    }

    /** How many alternatives are searched by the literals they begin with, of how many (for tests). */
    int[] literalLed() {
        return new int[] {(int) alternatives.stream().filter(a -> a.starts() != null).count(), alternatives.size()};
    }

    @Override
    public String toString() {
        return regex;
    }

    /**
     * ASCII letters in lower case, every other character as it is: what the regex engine compares
     * under CASE_INSENSITIVE without UNICODE_CASE, and the same length, so positions carry over.
     */
    static String foldAscii(String text) {
        int i = 0;
        while (i < text.length() && !(text.charAt(i) >= 'A' && text.charAt(i) <= 'Z')) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] = (char) (chars[i] + ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    /**
     * Whether splitting at the top-level bars keeps the meaning: no back-reference (group numbers
     * change) and no inline flag that is not scoped to a group ({@code (?i)} reaches every later
     * alternative).
     */
    static boolean separable(String regex) {
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length() && (Character.isDigit(regex.charAt(i + 1)) || regex.charAt(i + 1) == 'k')) {
                return false;
            }
            if (c == '(' && regex.startsWith("(?", i)) {
                int j = i + 2;
                while (j < regex.length() && (Character.isLetter(regex.charAt(j)) || regex.charAt(j) == '-')) {
                    j++;
                }
                if (j > i + 2 && j < regex.length() && regex.charAt(j) == ')' && regex.charAt(i + 2) != '<') {
                    return false; // (?i) and the like
                }
            }
            i = tokenEnd(regex, i);
        }
        return true;
    }

    /** The regex's top-level alternatives; null when its parentheses do not balance. */
    static List<String> branches(String regex) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < regex.length(); i = tokenEnd(regex, i) + 1) {
            char c = regex.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                out.add(regex.substring(from, i));
                from = i + 1;
            }
        }
        if (depth != 0) {
            return null;
        }
        out.add(regex.substring(from));
        return out;
    }

    /**
     * Index of the last character of the token that begins at {@code i}: an escape ({@code \.}), a
     * quoted run ({@code \Q…\E}) or a character class ({@code […]}) as a whole, else the character itself.
     */
    private static int tokenEnd(String regex, int i) {
        char c = regex.charAt(i);
        if (c == '[') {
            return classEnd(regex, i);
        }
        if (c != '\\') {
            return i;
        }
        if (regex.startsWith("\\Q", i)) {
            int end = regex.indexOf("\\E", i + 2);
            return end < 0 ? regex.length() - 1 : end + 1;
        }
        return Math.min(i + 1, regex.length() - 1);
    }

    /** Index of the ']' that closes the class opened at {@code open} (nested classes and escapes allowed). */
    private static int classEnd(String regex, int open) {
        int depth = 0;
        int i = open;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                depth++;
                // a ']' right after the opening (or after '^') is a member, not the end
                if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') {
                    i++;
                }
                if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
                    i++;
                }
            } else if (c == ']') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
            i++;
        }
        return regex.length();
    }

    /** Index of the ')' that closes the group opened at {@code open}; -1 when there is none. */
    private static int groupEnd(String regex, int open) {
        int depth = 0;
        for (int i = open; i < regex.length(); i = tokenEnd(regex, i) + 1) {
            char c = regex.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The literals every match of this alternative (no top-level bar) begins with; null when they
     * cannot be told from its source. Never empty, and never holds an empty literal.
     */
    static Set<String> starts(String branch) {
        return sequence(branch, 0);
    }

    private static Set<String> sequence(String s, int from) {
        StringBuilder literal = new StringBuilder();
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(i + 1);
                if (next == 'b' || next == 'B' || next == 'A' || next == 'G') {
                    if (!literal.isEmpty()) {
                        break;
                    }
                    i += 2; // zero-width: the match still begins with what follows
                    continue;
                }
                if (next == 'Q') {
                    int end = s.indexOf("\\E", i + 2);
                    String quoted = s.substring(i + 2, end < 0 ? s.length() : end);
                    int after = end < 0 ? s.length() : end + 2;
                    if (quoted.isEmpty()) {
                        i = after;
                        continue;
                    }
                    Quantifier q = Quantifier.at(s, after);
                    if (q == Quantifier.NONE) {
                        literal.append(quoted);
                        i = after;
                        continue;
                    }
                    // the quantifier applies to the last quoted character
                    literal.append(quoted, 0, quoted.length() - (q == Quantifier.OPTIONAL ? 1 : 0));
                    break;
                }
                if (Character.isLetterOrDigit(next)) {
                    break; // \d, \s, \p{…}, \t, \x41…: not a literal this simple reading knows
                }
                if (!appendLiteral(literal, next, Quantifier.at(s, i + 2))) {
                    break;
                }
                i += 2;
            } else if (c == '^' || c == '$') {
                if (!literal.isEmpty()) {
                    break;
                }
                i++;
            } else if (c == '(') {
                if (!literal.isEmpty()) {
                    break;
                }
                int close = groupEnd(s, i);
                if (close < 0) {
                    return null;
                }
                String body = s.substring(i + 1, close);
                if (body.startsWith("?=") || body.startsWith("?!") || body.startsWith("?<=") || body.startsWith("?<!")) {
                    i = close + 1; // a look-around consumes nothing
                    if (Quantifier.at(s, i) != Quantifier.NONE) {
                        return null;
                    }
                    continue;
                }
                String inner;
                if (body.startsWith("?:") || body.startsWith("?>")) {
                    inner = body.substring(2);
                } else if (body.startsWith("?<")) {
                    int name = body.indexOf('>');
                    inner = name < 0 ? null : body.substring(name + 1);
                } else if (body.startsWith("?")) {
                    inner = null; // (?i:…) and other flags
                } else {
                    inner = body;
                }
                if (inner == null) {
                    return null;
                }
                Set<String> group = new LinkedHashSet<>();
                List<String> alternatives = branches(inner);
                if (alternatives == null) {
                    return null;
                }
                for (String alternative : alternatives) {
                    Set<String> starts = sequence(alternative, 0);
                    if (starts == null) {
                        return null;
                    }
                    group.addAll(starts);
                }
                Quantifier q = Quantifier.at(s, close + 1);
                if (q != Quantifier.OPTIONAL) {
                    return group;
                }
                // (x)? y: a match begins with x, or, without it, with y
                Set<String> rest = sequence(s, Quantifier.end(s, close + 1));
                if (rest == null) {
                    return null;
                }
                group.addAll(rest);
                return group;
            } else if (c == '[' || c == '.' || c == '|' || c == ')' || c == '?' || c == '*' || c == '+' || c == '{') {
                break;
            } else {
                if (!appendLiteral(literal, c, Quantifier.at(s, i + 1))) {
                    break;
                }
                i++;
            }
        }
        return literal.isEmpty() ? null : new LinkedHashSet<>(List.of(literal.toString()));
    }

    /** Adds a literal character unless a quantifier may leave it out; false when the literal ends here. */
    private static boolean appendLiteral(StringBuilder literal, char c, Quantifier after) {
        if (after == Quantifier.OPTIONAL) {
            return false;
        }
        literal.append(c);
        return after == Quantifier.NONE; // x+ or x{2}: begins with x, and what follows is not one literal
    }

    private enum Quantifier {
        NONE, OPTIONAL, AT_LEAST_ONE;

        static Quantifier at(String s, int i) {
            if (i >= s.length()) {
                return NONE;
            }
            char c = s.charAt(i);
            if (c == '?' || c == '*') {
                return OPTIONAL;
            }
            if (c == '+') {
                return AT_LEAST_ONE;
            }
            if (c == '{') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) == ' ') {
                    j++;
                }
                return j < s.length() && s.charAt(j) == '0' ? OPTIONAL : AT_LEAST_ONE;
            }
            return NONE;
        }

        /** Index after the quantifier at {@code i} (with its lazy or possessive mark). */
        static int end(String s, int i) {
            if (i >= s.length()) {
                return i;
            }
            char c = s.charAt(i);
            int j = i;
            if (c == '{') {
                j = s.indexOf('}', i);
                j = j < 0 ? s.length() : j + 1;
            } else if (c == '?' || c == '*' || c == '+') {
                j = i + 1;
            }
            if (j < s.length() && j > i && (s.charAt(j) == '?' || s.charAt(j) == '+')) {
                j++;
            }
            return j;
        }
    }
}
