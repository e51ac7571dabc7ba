package io.genjin.classifier.reply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quote-header and banner tables compiled for matching: each attribution template becomes a
 * pattern (placeholders match any text, an address placeholder an address), its closing words join
 * the "wrote" verbs and its opening words the attribution leads; banners are compared without their
 * dashes, and the forward/original words recognise dashed banners no table lists.
 */
final class QuoteHeaders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(sender|name|address|date|time|isodate)}");
    private static final Pattern TIME = Pattern.compile("\\d{1,2}[:.]\\d\\d");
    private static final Pattern BANNER_ENDS = Pattern.compile("^[\\s>*\\-=_]+|[\\s*\\-=_:：]+$");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern LETTERS = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M}'’()/. -]*[\\p{L}\\p{M})]|[\\p{L}\\p{M}]{2,}");

    /** A compiled attribution template. */
    /**
     * A template's regex tries every split of its placeholders, which is costly on a line that is not an
     * attribution; {@code words} (its literal text, case-folded, split at spaces and colons) must all
     * occur in the folded line before the regex runs: a cheap necessary condition.
     */
    record Template(MarkerTables.Row row, Pattern pattern, String tail, boolean senderFirst, List<String> words,
                    String opening, String closing) {

        /**
         * A necessary condition for {@link #pattern}: the line (spaces left out, colons made one, folded)
         * opens with the template's opening text and closes with its closing text, and the template's words
         * occur in the folded line. Checking both ends takes out nearly every line the regex would try and reject.
         */
        boolean couldMatch(String text) {
            return endsFit(text) && hasWords(fold(text));
        }

        /** The ends of {@link #couldMatch}, read in place: no copy of the line is made for them. */
        boolean endsFit(String text) {
            return opensWith(text, opening) && closesWith(text, closing);
        }

        /** The words of {@link #couldMatch}, in the line as {@link #fold} gives it. */
        boolean hasWords(String folded) {
            for (String word : words) {
                if (!folded.contains(word)) {
                    return false;
                }
            }
            return true;
        }

        /** No letters outside the placeholders ("{date} {time}, {sender}:"). */
        boolean verbless() {
            return !PLACEHOLDER.matcher(row.get(2)).replaceAll("").chars().anyMatch(Character::isLetter);
        }

        /** The template prints a date or time, which a sentence of one's own seldom ends with. */
        boolean dated() {
            return row.get(2).contains("{date}") || row.get(2).contains("{time}") || row.get(2).contains("{isodate}");
        }
    }

    static final List<Template> TEMPLATES = new ArrayList<>();
    private static final Map<String, List<Template>> BY_TAIL = new HashMap<>();
    static final String WROTE;
    /** The verbs of {@link #WROTE} as plain lower-case strings, for the checks that run on every line. */
    static final List<String> VERBS;
    static final String LEADS;
    /** The words of {@link #LEADS}, lower case. */
    static final List<String> LEAD_WORDS;
    static final String FORWARD_WORDS;
    static final String ORIGINAL_WORDS;
    private static final Map<String, MarkerTables.Row> BANNERS = new HashMap<>();
    private static final int LONGEST_BANNER;

    static {
        Set<String> verbs = new LinkedHashSet<>();
        Set<String> leads = new LinkedHashSet<>();
        for (MarkerTables.Row row : MarkerTables.get().attributionWords()) {
            (row.get(0).equals("verb") ? verbs : leads).add(row.get(2).toLowerCase(Locale.ROOT));
        }
        for (MarkerTables.Row row : MarkerTables.get().quoteHeaders()) {
            String template = row.get(2);
            List<String> literals = new ArrayList<>();
            StringBuilder regex = new StringBuilder("(?isu)^[\\s>*-]*");
            Matcher m = PLACEHOLDER.matcher(template);
            int at = 0;
            while (m.find()) {
                literals.add(template.substring(at, m.start()));
                regex.append(literal(template.substring(at, m.start())));
                regex.append(switch (m.group(1)) {
                    case "address" -> "(?:mailto:)?[^\\s<>()\\[\\]\"]+@[^\\s<>()\\[\\]\"]+";
                    case "isodate" -> "\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}.{0,40}?";
                    default -> ".{1,160}?";
                });
                at = m.end();
            }
            String last = template.substring(at);
            literals.add(last);
            regex.append(literal(last)).append("[\\s*]*$");
            String tail = tailKey(last);
            Template t = new Template(row, Pattern.compile(regex.toString()), tail,
                    template.startsWith("{sender}") || template.startsWith("{name}"), words(literals),
                    opening(literals.get(0)), closing(last));
            TEMPLATES.add(t);
            BY_TAIL.computeIfAbsent(tail, k -> new ArrayList<>()).add(t);
            String lastWords = wordsOf(literals, literals.size() - 1, -1);
            if (lastWords != null && wordLike(lastWords)) {
                verbs.add(lastWords.toLowerCase(Locale.ROOT));
            }
            if (!template.startsWith("{")) {
                String lead = wordsOf(literals, 0, 1);
                if (lead != null && wordLike(lead) && lead.length() <= 30) {
                    leads.add(lead.toLowerCase(Locale.ROOT));
                }
            }
        }
        WROTE = alternation(verbs);
        VERBS = List.copyOf(verbs);
        LEADS = alternation(leads);
        LEAD_WORDS = List.copyOf(leads);
        Set<String> forward = new LinkedHashSet<>();
        Set<String> original = new LinkedHashSet<>();
        for (MarkerTables.Row row : MarkerTables.get().banners()) {
            switch (row.get(0)) {
                case "forward_word" -> forward.add(row.get(3).toLowerCase(Locale.ROOT));
                case "original_word" -> original.add(row.get(3).toLowerCase(Locale.ROOT));
                default -> {
                    String key = bannerKey(row.get(3));
                    if (!key.isEmpty()) {
                        BANNERS.putIfAbsent(key, row);
                    }
                }
            }
        }
        FORWARD_WORDS = alternation(forward);
        ORIGINAL_WORDS = alternation(original);
        LONGEST_BANNER = BANNERS.keySet().stream().mapToInt(String::length).max().orElse(0);
    }

    private QuoteHeaders() {
    }

    /** The first literal of {@code literals} (from the end when step is -1) that holds letters, trimmed to its words. */
    private static String wordsOf(List<String> literals, int from, int step) {
        for (int i = from; i >= 0 && i < literals.size(); i += step) {
            Matcher m = LETTERS.matcher(literals.get(i));
            String found = null;
            while (m.find()) {
                found = m.group();
                if (step > 0) {
                    break;
                }
            }
            if (found != null) {
                return found.strip();
            }
        }
        return null;
    }

    /* Short Latin words ("de", "at") would match inside ordinary sentences; scripts without spaces need two characters. */
    private static boolean wordLike(String words) {
        boolean latin = words.chars().anyMatch(c -> c < 0x250 && Character.isLetter(c));
        return latin ? words.length() >= 4 : words.length() >= 2;
    }

    private static String literal(String text) {
        StringBuilder out = new StringBuilder();
        for (String part : text.strip().split("\\s+")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append("\\s*");
            }
            out.append(Pattern.quote(part.replace('៖', ':')).replace(":", "\\E[:：៖]\\Q").replace("\\Q\\E", ""));
        }
        return out.isEmpty() ? "\\s*" : "\\s*" + out + "\\s*";
    }

    /*
     * The regex is ^[\s>*-]* LITERAL … LITERAL [\s*]*$, each literal's pieces apart by \s*, its colons
     * any of [:：៖], case-insensitive. So on compacted text (no \s, one colon, folded) a matching line,
     * its leading quote marks and dashes left out, starts with the first literal (its own leading marks
     * left out too), and, its trailing asterisks left out, ends with the last one (likewise).
     */
    static String compact(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isSpace(c)) {
                out.append(compacted(c));
            }
        }
        return out.toString();
    }

    /** The regex's \s (without UNICODE_CHARACTER_CLASS): [ \t\n\x0B\f\r]. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** A char as {@link #compact} writes it: the colons made one, folded. */
    private static char compacted(char c) {
        return c == '：' || c == '៖' ? ':' : Character.toLowerCase(Character.toUpperCase(c));
    }

    private static String opening(String literal) {
        String c = compact(literal);
        return c.substring(leadingMarks(c));
    }

    private static String closing(String literal) {
        String c = compact(literal);
        return c.substring(0, c.length() - trailingStars(c));
    }

    private static int leadingMarks(String compact) {
        int n = 0;
        while (n < compact.length() && isLeadingMark(compact.charAt(n))) {
            n++;
        }
        return n;
    }

    private static int trailingStars(String compact) {
        int n = 0;
        while (n < compact.length() && compact.charAt(compact.length() - 1 - n) == '*') {
            n++;
        }
        return n;
    }

    /**
     * {@code compact(text).startsWith(opening, leadingMarks(compact(text)))}, read from the front of the text
     * itself: on most lines the first char that differs comes within a few chars.
     */
    static boolean opensWith(String text, String opening) {
        int i = 0;
        while (i < text.length() && (isSpace(text.charAt(i)) || isLeadingMark(compacted(text.charAt(i))))) {
            i++;
        }
        for (int k = 0; k < opening.length(); k++, i++) {
            while (i < text.length() && isSpace(text.charAt(i))) {
                i++;
            }
            if (i == text.length() || compacted(text.charAt(i)) != opening.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLeadingMark(char c) {
        return c == '>' || c == '*' || c == '-';
    }

    /** Whether compact(text), its trailing asterisks left out, ends with closing; read from the end of the text itself. */
    static boolean closesWith(String text, String closing) {
        int i = text.length() - 1;
        while (i >= 0 && (isSpace(text.charAt(i)) || compacted(text.charAt(i)) == '*')) {
            i--;
        }
        for (int k = closing.length() - 1; k >= 0; k--, i--) {
            while (i >= 0 && isSpace(text.charAt(i))) {
                i--;
            }
            if (i < 0 || compacted(text.charAt(i)) != closing.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The literal pieces of a template, folded, without the spaces and colons the regex lets vary. */
    private static List<String> words(List<String> literals) {
        List<String> words = new ArrayList<>();
        for (String literal : literals) {
            for (String piece : literal.split("[\\s:：៖]+")) {
                if (!piece.isEmpty()) {
                    words.add(fold(piece));
                }
            }
        }
        return List.copyOf(words);
    }

    /**
     * Case folding one char at a time (lower of upper), so that two chars the regex's Unicode
     * case-insensitive match calls equal fold to the same char, and the length never changes.
     */
    static String fold(String text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Character.toLowerCase(Character.toUpperCase(text.charAt(i)));
        }
        return new String(out);
    }

    /**
     * The last two characters of a text, asterisks and spaces left out, the colons made one, lower-cased (the
     * lower case of the whole kept text, Locale.ROOT): a cheap key to pick the templates worth trying.
     * Read from the end, since a text is mostly long; the two are lower-cased alone unless one of them is
     * a char String.toLowerCase treats apart (a surrogate, the capital sigma, final or not by its
     * neighbours, or the dotted capital I, which becomes two chars), then the whole kept text is.
     */
    static String tailKey(String text) {
        char[] key = new char[2];
        int from = 2;
        for (int i = text.length() - 1; i >= 0 && from > 0; i--) {
            char c = text.charAt(i);
            if (c != '*' && !isSpace(c)) {
                key[--from] = c == '：' || c == '៖' ? ':' : c;
            }
        }
        for (int k = from; k < 2; k++) {
            if (!lowersAlone(key[k])) {
                return wholeTailKey(text);
            }
            key[k] = Character.toLowerCase(key[k]);
        }
        return new String(key, from, 2 - from);
    }

    private static boolean lowersAlone(char c) {
        return !Character.isSurrogate(c) && c != '\u03A3' && c != '\u0130' && Character.isBmpCodePoint(Character.toLowerCase((int) c));
    }

    /** The tail key as the lower case of the whole kept text gives it. */
    static String wholeTailKey(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '*' && !isSpace(c)) {
                kept.append(c == '：' || c == '៖' ? ':' : c);
            }
        }
        String t = kept.toString().toLowerCase(Locale.ROOT);
        return t.length() <= 2 ? t : t.substring(t.length() - 2);
    }

    private static String alternation(Set<String> words) {
        return String.join("|", words.stream().sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote).toList());
    }

    /**
     * Per tail key, the templates a text with that tail may match: the key's own, its one-character
     * tail's and the tailless ones, the most specific first ("{sender} wrote:" also matches every
     * dated form). Sorted once here, not per line.
     */
    private static final Map<String, List<Template>> CANDIDATES = candidates();

    private static Map<String, List<Template>> candidates() {
        Map<String, List<Template>> candidates = new HashMap<>();
        for (String key : BY_TAIL.keySet()) {
            List<Template> all = new ArrayList<>();
            for (int n = key.length(); n >= 0; n--) {
                all.addAll(BY_TAIL.getOrDefault(key.substring(key.length() - n), List.of()));
            }
            all.sort(Comparator.comparingInt((Template c) -> c.row().get(2).length()).reversed());
            candidates.put(key, List.copyOf(all));
        }
        return candidates;
    }

    /** The template row a joined attribution text matches, or null. */
    static Template match(String text) {
        String t = text.strip();
        if (t.length() > 400) {
            return null;
        }
        // Nearly every text is turned away by the ends of every candidate: it is folded only once one fits.
        String folded = null;
        for (Template template : candidates(t)) {
            if (!template.endsFit(t)) {
                continue;
            }
            if (folded == null) {
                folded = fold(t);
            }
            if (!template.hasWords(folded)) {
                continue;
            }
            // "{date} {time}, {sender}:" has no word of its own: only a time and an address make it an attribution.
            if (template.verbless() && !(t.indexOf('@') >= 0 && TIME.matcher(t).find())) {
                continue;
            }
            if (template.pattern().matcher(t).matches()) {
                return template;
            }
        }
        return null;
    }

    /** The templates worth trying on a stripped text, by the last two characters of its closing text. */
    static List<Template> candidates(String t) {
        String key = tailKey(t);
        for (int n = Math.min(2, key.length()); n >= 0; n--) {
            List<Template> some = CANDIDATES.get(key.substring(key.length() - n));
            if (some != null) {
                return some;
            }
        }
        return List.of();
    }

    /** The banner row a line is (dashes, quote marks and a closing colon aside), or null. */
    static MarkerTables.Row banner(String line) {
        if (longerThanAnyBanner(line)) {
            return null;
        }
        String key = bannerKey(line);
        return key.isEmpty() ? null : BANNERS.get(key);
    }

    /*
     * A line's key keeps every char but the marks its ends lose and the spaces it runs together, and lower
     * case never shortens a code point: a line holding more other chars than the longest banner's key is no
     * banner. That is most lines of a message (text), told apart without building their key.
     */
    private static boolean longerThanAnyBanner(String line) {
        int kept = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (!isSpace(c) && !isBannerMark(c) && c != '>' && c != ':' && c != '：' && c != '\u200B'
                    && !Character.isLowSurrogate(c) && ++kept > LONGEST_BANNER) {
                return true;
            }
        }
        return false;
    }

    /**
     * The line without zero-width spaces, its leading {@code [\s>*\-=_]} and trailing {@code [\s*\-=_:：]},
     * its runs of spaces made one, lower-cased: what {@link #BANNER_ENDS} and {@link #SPACES} make of it, by
     * hand. Their {@code $} also matches before a final line terminator, which no trimmed mark is for
     * U+0085, U+2028 and U+2029: a line with one of those takes the regexes.
     */
    static String bannerKey(String text) {
        String t = text.replace("\u200B", "");
        if (t.indexOf('\u0085') >= 0 || t.indexOf('\u2028') >= 0 || t.indexOf('\u2029') >= 0) {
            return regexBannerKey(t);
        }
        int from = 0;
        while (from < t.length() && (isSpace(t.charAt(from)) || isBannerMark(t.charAt(from)) || t.charAt(from) == '>')) {
            from++;
        }
        int to = t.length();
        while (to > from && (isSpace(t.charAt(to - 1)) || isBannerMark(t.charAt(to - 1)) || t.charAt(to - 1) == ':'
                || t.charAt(to - 1) == '：')) {
            to--;
        }
        // Neither end is a space now: each run of them within becomes one.
        StringBuilder key = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (!isSpace(c)) {
                key.append(c);
            } else if (!isSpace(t.charAt(i - 1))) {
                key.append(' ');
            }
        }
        return key.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isBannerMark(char c) {
        return c == '*' || c == '-' || c == '=' || c == '_';
    }

    static String regexBannerKey(String text) {
        String t = BANNER_ENDS.matcher(text.replace("\u200B", "")).replaceAll("");
        return SPACES.matcher(t).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    static Set<String> tails() {
        return new HashSet<>(BY_TAIL.keySet());
    }
}
