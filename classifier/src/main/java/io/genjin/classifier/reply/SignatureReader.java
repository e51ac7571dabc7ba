package io.genjin.classifier.reply;

import io.genjin.classifier.text.AnyOf;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where a signature starts in the new part of a message, and reads phone, title and company
 * from it. Sign-offs ("Thanks, Anna") stay in the text: they are part of what the person wrote.
 */
final class SignatureReader {

    private static final int SENDER_WINDOW = 6;
    private static final Pattern SIGN_OFF = Pattern.compile("(?iu)(thanks?( you| again| a lot)?|many thanks|best( regards| wishes)?|"
            + "(kind |warm |best )?regards|yours( truly| sincerely)?|" + table("sign_off") + ")[,.!，。！]?");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern DELIMITER = Pattern.compile("^(--|-- |—|__|–)\\s*$");
    private static final Pattern RULE = Pattern.compile("^\\s*[-_=*~]{3,}\\s*$");
    private static final Pattern PHONE = Pattern.compile(
            "(?i)(?:tel|phone|mob(?:ile)?|cell|fax|whats ?app|wechat|t|m|p|手机|电话|電話|座机|手機|微信)\\.?\\s*[:：.]?\\s*"
                    + "(\\+?\\(?\\d[\\d ()./-]{6,20}\\d)");
    private static final Pattern BARE_PHONE = Pattern.compile("(\\+\\d[\\d ()./-]{7,20}\\d|\\(\\d{3}\\) ?\\d{3}-\\d{4})");
    private static final Pattern TITLE = Pattern.compile(
            "(?i)\\b(manager|director|sales|ceo|cto|cfo|coo|founder|president|engineer|officer|head of|representative|"
                    + "executive|assistant|buyer|purchas\\w*|procurement|merchandiser|consultant|specialist|coordinator|"
                    + "owner|partner|gerente|directeur|geschäftsführer|leiter|vendedor|comprador|менеджер|директор)\\b"
                    + "|经理|总监|主管|业务员|销售|采购|总经理|董事长|总裁|经理人|外贸|跟单");
    private static final Pattern COMPANY = Pattern.compile(
            "(?i)(co\\.,? ?ltd|\\bltd\\b|\\blimited\\b|\\binc\\b|\\bllc\\b|\\bgmbh\\b|\\bcorp(oration)?\\b|\\bcompany\\b|\\bs\\.?a\\.?\\b|"
                    + "\\bs\\.?l\\.?\\b|\\bs\\.?r\\.?l\\.?\\b|\\bb\\.?v\\.?\\b|\\bplc\\b|\\bpty\\b|\\bgroup\\b|\\bindustr(y|ies|ial)\\b|"
                    + "\\btrading\\b|\\bfactory\\b|\\bltda\\b|\\bооо\\b|有限公司|公司|集团|工厂|厂)");
    private static final Pattern LATIN_NAME = Pattern.compile("\\p{Lu}[\\p{L}'.-]+( \\p{Lu}[\\p{L}'.-]*){1,3}");
    private static final Pattern HAN_NAME = Pattern.compile("\\p{IsHan}{2,4}");
    /** What CONTACT_LINE's web forms ({@code https?://}, {@code www\.}) need, case aside as there. */
    private static final AnyOf WEB = AnyOf.compile("(?i)http|www\\.");
    static final Pattern CONTACT_LINE = Pattern.compile(
            "(?i)" + PHONE.pattern() + "|" + BARE_PHONE.pattern() + "|[\\w.+-]+@[\\w-]+\\.[\\w.]+|https?://|www\\.");

    private SignatureReader() {
    }

    /** One alternation of the signature-table texts of a kind; {device} and {app} match a short name. */
    private static String table(String kind) {
        return alternation(MarkerTables.get().signatures().stream().filter(r -> r.get(0).equals(kind)).map(r -> r.get(3)).toList());
    }

    /** One alternation of signature-table texts, the longest first; {device} and {app} match a short name. */
    static String alternation(List<String> texts) {
        return String.join("|", texts.stream().distinct().sorted((x, y) -> y.length() - x.length())
                .map(t -> Pattern.quote(t).replace("{device}", "\\E.{1,40}?\\Q").replace("{app}", "\\E.{1,40}?\\Q")
                        .replace("\\Q\\E", ""))
                .toList());
    }

    /** Index of the first signature line within [0, end), or -1. */
    static int start(List<String> lines, int end) {
        return start(lines, end, "");
    }

    /**
     * @param sender the sender's display name or address, when known: a short line near the end that
     *               names them (with the sign-off just above it) opens the signature
     */
    static int start(List<String> lines, int end, String sender) {
        int byMarkers = byMarkers(lines, end);
        return byMarkers >= 0 ? byMarkers : bySenderName(lines, end, sender);
    }

    private static int byMarkers(List<String> lines, int end) {
        for (int i = 0; i < end; i++) {
            String line = lines.get(i);
            if (DELIMITER.matcher(line).matches() && i > 0) {
                return i;
            }
            if (MobileFooters.matches(line) && remainingNonBlank(lines, i + 1, end) <= 3) {
                return i;
            }
            if (RULE.matcher(line).matches() && i > 0 && remainingNonBlank(lines, i + 1, end) <= 12
                    && remainingNonBlank(lines, i + 1, end) > 0 && allShort(lines, i + 1, end)) {
                return i;
            }
        }
        return contactBlock(lines, end);
    }

    /**
     * A last paragraph made of short lines of which at least two carry contact details (phone, mail,
     * web) is a signature even without a "-- " delimiter; one phone number alone in a sentence is not.
     */
    private static int contactBlock(List<String> lines, int end) {
        int last = end - 1;
        while (last >= 0 && lines.get(last).isBlank()) {
            last--;
        }
        int first = last;
        while (first > 0 && !lines.get(first - 1).isBlank()) {
            first--;
        }
        if (first <= 0 || last - first > 10) {
            return -1;
        }
        int contacts = 0;
        for (int i = first; i <= last; i++) {
            String line = lines.get(i);
            if (line.length() > 80) {
                return -1;
            }
            if (isContactLine(line)) {
                contacts++;
            }
        }
        return contacts >= 2 ? first : -1;
    }

    /**
     * What {@code CONTACT_LINE.matcher(line).find()} says. Each of its forms needs a digit (the phones), an
     * "@" (an address), "http" or "www." (case aside): a line with none of them is not tried, and the
     * regex, whose one-letter phone labels ("t", "m", "p") start a try at nearly every letter, runs on
     * few lines.
     */
    static boolean isContactLine(String line) {
        return (hasDigit(line) || line.indexOf('@') >= 0 || WEB.foundIn(line)) && CONTACT_LINE.matcher(line).find();
    }

    static boolean isDelimiter(String line) {
        return DELIMITER.matcher(line).matches() || MobileFooters.matches(line);
    }

    private static boolean allShort(List<String> lines, int from, int end) {
        for (int i = from; i < end; i++) {
            if (lines.get(i).length() > 80) {
                return false;
            }
        }
        return true;
    }

    private static int bySenderName(List<String> lines, int end, String sender) {
        List<String> names = nameTokens(sender);
        if (names.isEmpty()) {
            return -1;
        }
        int seen = 0;
        for (int i = end - 1; i > 0 && seen < SENDER_WINDOW; i--) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            seen++;
            String lower = line.toLowerCase(Locale.ROOT);
            // Only a short line can be a name line; "Our sales team will call" is not one for sender "Sales".
            if (line.length() <= 60 && WHITESPACE.split(line).length <= 5 && names.stream().anyMatch(n -> containsWord(lower, n))) {
                int k = i;
                while (k > 0 && lines.get(k - 1).isBlank()) {
                    k--;
                }
                boolean signOff = k > 0 && SIGN_OFF.matcher(lines.get(k - 1).strip()).matches();
                return signOff && k == i ? i - 1 : i;
            }
        }
        return -1;
    }

    /** {@code word} in {@code text} with no letter either side (a pattern per name and line cost a compile each). */
    private static boolean containsWord(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            int end = at + word.length();
            if ((at == 0 || !Character.isLetter(text.codePointBefore(at)))
                    && (end == text.length() || !Character.isLetter(text.codePointAt(end)))) {
                return true;
            }
        }
        return false;
    }

    /** "John Doe" → john, doe; "john.doe@acme.com" → john, doe. */
    private static List<String> nameTokens(String sender) {
        if (sender == null || sender.isBlank()) {
            return List.of();
        }
        String s = sender.toLowerCase(Locale.ROOT);
        if (s.contains("@")) {
            s = s.substring(0, s.indexOf('@'));
        }
        return java.util.Arrays.stream(s.split("[^\\p{L}]+")).filter(t -> t.length() >= 3).toList();
    }

    private static int remainingNonBlank(List<String> lines, int from, int end) {
        int n = 0;
        for (int i = from; i < end; i++) {
            if (!lines.get(i).isBlank()) {
                n++;
            }
        }
        return n;
    }

    /** What a signature block says about its sender (a pass of the patterns over every line). */
    static Signature.Fields read(String text) {
        if (text == null || text.isBlank()) {
            return Signature.Fields.NONE;
        }
        Optional<String> phone = Optional.empty();
        Optional<String> title = Optional.empty();
        Optional<String> company = Optional.empty();
        Optional<String> name = Optional.empty();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || DELIMITER.matcher(line).matches() || RULE.matcher(line).matches()) {
                continue;
            }
            // Both phone patterns take a digit.
            if (phone.isEmpty() && hasDigit(line)) {
                Matcher m = PHONE.matcher(line);
                if (m.find() || (m = BARE_PHONE.matcher(line)).find()) {
                    phone = Optional.of(m.group(1).strip());
                }
            }
            if (company.isEmpty() && line.length() < 80 && COMPANY.matcher(line).find() && !line.contains("@")) {
                company = Optional.of(line);
            } else if (title.isEmpty() && line.length() < 60 && TITLE.matcher(line).find() && !line.contains("@")) {
                title = Optional.of(line);
            }
            if (name.isEmpty() && looksLikeName(line)) {
                name = Optional.of(line);
            }
        }
        return new Signature.Fields(name, title, company, phone);
    }

    private static boolean looksLikeName(String line) {
        return LATIN_NAME.matcher(line).matches() && !TITLE.matcher(line).find() && !COMPANY.matcher(line).find()
                || HAN_NAME.matcher(line).matches();
    }

    private static boolean hasDigit(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (Character.isDigit(line.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
