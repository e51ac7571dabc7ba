package io.genjin.classifier.reply;

import io.genjin.classifier.text.AnyOf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where quoted history starts. Three families of markers, each in many languages (the words and
 * templates come from the marker tables, see {@link QuoteHeaders}):
 * attribution lines ("On … wrote:", "在 … 写道："), separator lines ("-----Original Message-----",
 * "---- 回复的原邮件 ----", "Begin forwarded message:") and Outlook-style header blocks
 * ("From: / Sent: / To: / Subject:", "发件人: / 发送时间: / 收件人: / 主题:").
 */
final class ReplyMarkers {

    static final String WROTE = QuoteHeaders.WROTE;
    /** The longest attribution, its lines joined, taken as one: longer text is a paragraph, not an attribution. */
    private static final int ATTRIBUTION_MAX_CHARS = 400;
    /* "11:00 AM, November 17, 2021, "John" <john@acme.com>:" and mail.ru's "… от Name <a@b.ru>:" carry no verb. */
    private static final Pattern TIMED_ADDRESS = Pattern.compile(
            "(?s)^.{0,160}\\d{1,2}[:.]\\d\\d.{0,160}[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+>?\\)?\\s*[:：]\\s*$");
    /*
     * The verbs for the hot checks below, which run on every line of every message: they say exactly what
     * (?i)(WROTE), (?i)(WROTE)[\s-]*$ and the last match of (?i)(WROTE) say, at a fraction of the regex's cost.
     */
    private static final WroteVerbs VERBS = new WroteVerbs(QuoteHeaders.VERBS);
    /* Anchored at the start: lookingAt() answers as find() would, without trying every later position. */
    static final Pattern STARTS_LIKE_ATTRIBUTION = Pattern.compile(
            "(?iu)^[\\s>*-]*(" + QuoteHeaders.LEADS + "|\\d)");
    /**
     * The words STARTS_LIKE_ATTRIBUTION opens with, each folded as the regex folds it ({@link #fold}), by
     * their folded first character; null (the regex runs) when one of them is empty, holds a surrogate or
     * opens with a leading mark, for which {@link #startsLikeAttribution} could not answer as the regex does.
     */
    private static final Map<Character, char[][]> LEADS_BY_FIRST = leadsByFirst();
    private static final Pattern DATED_ADDRESS = Pattern.compile(
            "(?is)^\\s*(\\d{4}[-/.年]\\d{1,2}[-/.月]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}).{0,160}[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+>?\\)?\\s*[:：]?\\s*$");
    static final String FORWARD_WORDS = QuoteHeaders.FORWARD_WORDS;
    private static final String ORIGINAL_WORDS = QuoteHeaders.ORIGINAL_WORDS;
    static final Pattern SEPARATOR = Pattern.compile(
            "(?i)^[\\s>*_]*[-=_]{2,}\\s*\\**\\s*(" + FORWARD_WORDS + "|" + ORIGINAL_WORDS + ")[^\\n]{0,60}$");
    static final Pattern FORWARD_INTRO = Pattern.compile(
            "(?i)^[\\s>*]*[\\p{L} ,'’.-]{0,60}(" + FORWARD_WORDS + ")[\\p{L} ,'’.-]{0,40}\\s?[:：]\\s*\\**\\s*$");
    /**
     * A word of FORWARD_WORDS anywhere in a line ({@code (?i)(FORWARD_WORDS)} found), which FORWARD_INTRO
     * holds: its regex, with a run of up to 60 letters before the words, runs only on lines that have one.
     */
    static final AnyOf FORWARD_WORD = AnyOf.compile("(?i)" + FORWARD_WORDS);
    static final Pattern RULE_LINE = Pattern.compile("^[\\s>*]*([-_=]\\s?){5,}[\\s*]*$");
    static final Pattern QUOTE = Pattern.compile("^\\s*>");
    static final Pattern NAMED_QUOTE = Pattern.compile("^\\s*([A-Za-z]{1,12})?>|^\\s*\\|( |$)");

    private ReplyMarkers() {
    }

    /** Number of lines making up a marker that starts at {@code i}, or 0 when none starts there. */
    static int markerAt(List<String> lines, int i) {
        String line = lines.get(i);
        if (line.isBlank()) {
            return 0;
        }
        int rules = rules(line);
        if (QuoteHeaders.banner(line) != null || rules < 0 && SEPARATOR.matcher(line).matches()
                || endsWithColon(line) && FORWARD_WORD.foundIn(line) && FORWARD_INTRO.matcher(line).matches()) {
            return 1;
        }
        if (Math.abs(rules) >= 5 && RULE_LINE.matcher(line).matches()) {
            int block = headerBlockAt(lines, nextNonBlank(lines, i + 1, 3));
            return block > 0 ? 1 : 0;
        }
        int block = headerBlockAt(lines, i);
        if (block > 0) {
            return block;
        }
        return attributionAt(lines, i);
    }

    /**
     * How many of [-=_] the line has, negative when two of them stand together: SEPARATOR needs two in a
     * row ({@code [-=_]{2,}}), RULE_LINE five, and most lines have neither, so neither regex runs on them.
     */
    static int rules(String line) {
        int rules = 0;
        boolean pair = false;
        for (int k = 0, run = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            run = c == '-' || c == '=' || c == '_' ? run + 1 : 0;
            rules += run > 0 ? 1 : 0;
            pair |= run >= 2;
        }
        return pair ? -rules : rules;
    }

    private static boolean endsWithColon(String line) {
        String t = line.stripTrailing();
        while (t.endsWith("*")) {
            t = t.substring(0, t.length() - 1).stripTrailing();
        }
        return t.endsWith(":") || t.endsWith("：");
    }

    /** Lines of an "On … wrote:" attribution starting at i (it may wrap over several lines), or 0. */
    static int attributionAt(List<String> lines, int i) {
        String first = lines.get(i);
        if (first.length() > 300) {
            return 0;
        }
        if (!leadsLikeAttribution(first) && !first.contains("<")) {
            return senderFirstAttribution(lines, i) ? 1 : 0;
        }
        // Cheap pre-check: every attribution ends in a colon or a "wrote" verb within six lines.
        if (!mayEndAttribution(lines, i)) {
            return 0;
        }
        // The first line is taken as it is (most attributions end on it); the lines after it are joined on.
        // A builder sized for the longest text, made for every candidate, was the most this method allocated.
        String joined = "";
        for (int n = 0; n < 6 && i + n < lines.size(); n++) {
            String line = lines.get(i + n);
            if (line.isBlank() && n > 0 && !continuesAfterBlank(lines, i + n)) {
                return 0;
            }
            joined = n == 0 ? line.strip() : joined + " " + line.strip();
            if (joined.length() > ATTRIBUTION_MAX_CHARS) {
                return 0;
            }
            if (endsAttribution(joined)) {
                return n + 1;
            }
        }
        return 0;
    }

    /**
     * What {@code (?iu)^[\s>*-]*(LEADS|\d)|@|\d{1,2}[:.]\d\d} finds, its alternatives one by one: an address
     * or a time found by hand, and only then the opening words, which are anchored at the start.
     */
    static boolean leadsLikeAttribution(String line) {
        return line.indexOf('@') >= 0 || hasTime(line) || startsLikeAttribution(line);
    }

    /**
     * What {@code STARTS_LIKE_ATTRIBUTION.lookingAt()} says, without the regex: after {@code [\s>*-]*}, a
     * digit or one of the words, compared character by character as the regex compares them (case
     * insensitive, Unicode). The regex tried its hundred-odd words one by one at that place, on most
     * lines of every message.
     */
    static boolean startsLikeAttribution(String line) {
        if (LEADS_BY_FIRST == null) {
            return STARTS_LIKE_ATTRIBUTION.matcher(line).lookingAt();
        }
        int k = 0;
        while (k < line.length() && isLeadingMark(line.charAt(k))) {
            k++;
        }
        if (k == line.length()) {
            return false;
        }
        char c = line.charAt(k);
        if (isDigit(c)) {
            return true;
        }
        char[][] words = LEADS_BY_FIRST.get(fold(c));
        if (words == null) {
            return false;
        }
        for (char[] word : words) {
            if (opensAt(line, k, word)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the folded word stands at {@code at}: a character is the word's when it equals it or folds to it. */
    private static boolean opensAt(String line, int at, char[] word) {
        if (at + word.length > line.length()) {
            return false;
        }
        for (int j = 0; j < word.length; j++) {
            char c = line.charAt(at + j);
            if (c != word[j] && fold(c) != word[j]) {
                return false;
            }
        }
        return true;
    }

    /** [\s>*-] with \s as the regex reads it without UNICODE_CHARACTER_CLASS. */
    private static boolean isLeadingMark(char c) {
        return isSpaceOrHyphen(c) || c == '>' || c == '*';
    }

    /** How (?iu) compares two characters: both upper-cased, then lower-cased. */
    private static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    private static Map<Character, char[][]> leadsByFirst() {
        Map<Character, List<char[]>> byFirst = new HashMap<>();
        for (String word : QuoteHeaders.LEAD_WORDS) {
            // An empty word would let the regex take any line.
            if (word.isEmpty() || word.chars().anyMatch(ch -> Character.isSurrogate((char) ch)) || isLeadingMark(word.charAt(0))) {
                return null;
            }
            char[] folded = new char[word.length()];
            for (int j = 0; j < folded.length; j++) {
                folded[j] = fold(word.charAt(j));
            }
            byFirst.computeIfAbsent(folded[0], k -> new ArrayList<>()).add(folded);
        }
        Map<Character, char[][]> out = new HashMap<>();
        byFirst.forEach((first, words) -> out.put(first, words.toArray(char[][]::new)));
        return out;
    }

    /** Whether {@code \d{1,2}[:.]\d\d} (ASCII digits) finds something. */
    static boolean hasTime(String s) {
        for (int i = 0; i + 3 < s.length(); i++) {
            if (isDigit(s.charAt(i)) && (timeAfterHour(s, i + 1) || isDigit(s.charAt(i + 1)) && timeAfterHour(s, i + 2))) {
                return true;
            }
        }
        return false;
    }

    /** A separator and two digits at {@code at}. */
    private static boolean timeAfterHour(String s, int at) {
        return at + 2 < s.length() && (s.charAt(at) == ':' || s.charAt(at) == '.') && isDigit(s.charAt(at + 1)) && isDigit(s.charAt(at + 2));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean mayEndAttribution(List<String> lines, int i) {
        for (int n = i; n < Math.min(lines.size(), i + 6); n++) {
            String line = lines.get(n);
            String tail = line.length() > 40 ? line.substring(line.length() - 40) : line;
            if (line.indexOf(':') >= 0 || line.indexOf('：') >= 0 || line.indexOf('៖') >= 0 || containsVerb(tail)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a verb of {@link #WROTE} occurs in s, ASCII case-insensitively: {@code (?i)(WROTE)} finds something. */
    static boolean containsVerb(String s) {
        return VERBS.occurIn(s);
    }

    /** Whether s ends with a verb of {@link #WROTE} and then only whitespace or hyphens: {@code (?i)(WROTE)[\s-]*$} finds something. */
    static boolean endsWithVerb(String s) {
        int end = s.length();
        while (end > 0 && isSpaceOrHyphen(s.charAt(end - 1))) {
            end--;
        }
        // No verb ends in whitespace or a hyphen, so one that the rest may follow ends exactly here.
        return VERBS.endBefore(s, end);
    }

    /** The regex class [\s-]: \s without UNICODE_CHARACTER_CLASS is [ \t\n\x0B\f\r]. */
    private static boolean isSpaceOrHyphen(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '-';
    }

    /* The verb closes the attribution: at most a date or time follows it ("schrieb am Fr., 28. Apr. 2017 um 11:53 Uhr:"). */
    static boolean verbNearEnd(String t) {
        int lastEnd = VERBS.lastEnd(t);
        return lastEnd >= 0 && t.length() - lastEnd <= 80;
    }

    private static boolean endsAttribution(String text) {
        String t = text.strip();
        boolean colonEnd = t.endsWith(":") || t.endsWith("：") || t.endsWith(":*") || t.endsWith("៖");
        boolean colonOrVerbEnd = colonEnd || endsWithVerb(t.length() > 40 ? t.substring(t.length() - 40) : t);
        if (colonOrVerbEnd && verbNearEnd(t)) {
            return true;
        }
        QuoteHeaders.Template template = QuoteHeaders.match(t);
        if (template != null && (!template.senderFirst() || t.indexOf('@') >= 0 || template.dated())) {
            return true;
        }
        // The verb-less forms always carry an address and end with it or with a colon.
        if (t.indexOf('@') < 0 || !(colonEnd || t.endsWith(">") || t.endsWith(")"))) {
            return false;
        }
        // Each regex only where its anchors allow it: a date opens the one, a colon closes the other.
        return Character.isDigit(t.charAt(0)) && DATED_ADDRESS.matcher(t).matches()
                || (t.endsWith(":") || t.endsWith("：")) && TIMED_ADDRESS.matcher(t).matches();
    }

    /*
     * "Anna Li schrieb:" (Thunderbird, K-9 without a date) opens with the name alone: taken only on one line
     * and only when a ">" quote follows, since "My colleague wrote:" can start a sentence of one's own.
     */
    private static boolean senderFirstAttribution(List<String> lines, int i) {
        String line = lines.get(i).strip();
        if (line.length() > 120) {
            return false;
        }
        QuoteHeaders.Template t = QuoteHeaders.match(line);
        if (t == null) {
            return false;
        }
        int next = nextNonBlank(lines, i + 1, 2);
        if (next >= 0 && QUOTE.matcher(lines.get(next)).find()) {
            return true;
        }
        // An HTML reply converted to text has no "> " marks: then the line must read as a name and a verb alone.
        String name = line.substring(0, Math.min(line.length(), 60));
        return line.length() <= 80 && NAME_THEN_VERB.matcher(line).matches() && !name.contains(". ");
    }

    /*
     * A full name (two capitalised words, "Something wrote:" is not one) and a verb alone; Armenian and
     * Khmer close with their own marks, Malayalam with none.
     */
    private static final Pattern NAME_THEN_VERB = Pattern.compile(
            "(?u)^[\\s>]*[\\p{Lu}\\p{Lo}][^\\s,;!?]*(\\s+[\\p{Lu}\\p{Lo}][^\\s,;!?]*){1,3}(\\s+[^\\s,;!?]+){0,4}\\s*[:：៖՝։.]?$");

    /* Gmail wraps long attributions, and some clients leave a blank line inside ("<\nmailto:…\n> wrote:"). */
    private static boolean continuesAfterBlank(List<String> lines, int blank) {
        int next = nextNonBlank(lines, blank, 2);
        return next >= 0 && lines.get(next).length() < 120
                && continuation(lines.get(next))
                // A paragraph that is an attribution on its own starts there: the text before the blank
                // line is the writer's own (a price such as "10.80" in it looks like a time).
                && !startsAttributionAlone(lines, next);
    }

    /** What {@code (?i)(WROTE)|^<|mailto:} finds: a verb, an address's opening bracket, a mailto link. */
    static boolean continuation(String line) {
        return line.startsWith("<") || VERBS.occurIn(line) || WroteVerbs.asciiLower(line).contains("mailto:");
    }

    private static boolean startsAttributionAlone(List<String> lines, int i) {
        return startsLikeAttribution(lines.get(i)) && attributionAt(lines, i) > 0;
    }

    /**
     * An Outlook-style block: a From line (any language) with at least one more labelled field within the
     * next lines, or two consecutive labelled lines of different fields.
     */
    static int headerBlockAt(List<String> lines, int i) {
        if (i < 0 || i >= lines.size()) {
            return 0;
        }
        HeaderLabels.Labelled first = HeaderLabels.parse(lines.get(i));
        // Thunderbird's inline forward starts with the subject ("Subject: / Date: / From: / To:").
        boolean subjectFirst = first != null && first.field() == HeaderLabels.Field.SUBJECT;
        if (first == null || first.field() != HeaderLabels.Field.FROM && first.field() != HeaderLabels.Field.DATE && !subjectFirst) {
            return 0;
        }
        if (subjectFirst) {
            return subjectFirstBlock(lines, i);
        }
        int fields = 1;
        int end = i;
        for (int j = i + 1; j < Math.min(lines.size(), i + 8); j++) {
            if (lines.get(j).isBlank()) {
                if (fields >= 2) {
                    break;
                }
                continue;
            }
            HeaderLabels.Labelled next = HeaderLabels.parse(lines.get(j));
            if (next == null) {
                // A wrapped value ("Subject: a long\nsubject") continues the block when a field follows it.
                boolean wrapped = j + 1 < lines.size() && HeaderLabels.parse(lines.get(j + 1)) != null;
                if (fields >= 2 && !wrapped) {
                    break;
                }
                continue;
            }
            if (next.field() != first.field()) {
                fields++;
                end = j;
            }
        }
        return fields >= 2 ? end - i + 1 : 0;
    }

    /** A block that opens with the subject counts with a From and a third field in the lines right below. */
    private static int subjectFirstBlock(List<String> lines, int i) {
        java.util.Set<HeaderLabels.Field> fields = java.util.EnumSet.noneOf(HeaderLabels.Field.class);
        int end = i;
        for (int j = i; j < Math.min(lines.size(), i + 7); j++) {
            HeaderLabels.Labelled next = HeaderLabels.parse(lines.get(j));
            if (next == null) {
                break;
            }
            fields.add(next.field());
            end = j;
        }
        return fields.size() >= 3 && fields.contains(HeaderLabels.Field.FROM) ? end - i + 1 : 0;
    }

    static int nextNonBlank(List<String> lines, int from, int maxSkip) {
        for (int j = from; j < lines.size() && j <= from + maxSkip; j++) {
            if (!lines.get(j).isBlank()) {
                return j;
            }
        }
        return -1;
    }
}
