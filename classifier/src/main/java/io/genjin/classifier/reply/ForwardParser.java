package io.genjin.classifier.reply;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a forwarded block: the separator ("---------- Forwarded message ---------", "Begin forwarded
 * message:", "-----原始邮件-----", or none at all for Outlook), the header fields in the client's
 * language, the forwarded body, and the forwarder's own message above. Apple Mail quotes the whole
 * block with {@code >}; Yahoo prints all fields on the separator line.
 */
public final class ForwardParser {

    private static final Pattern SEPARATOR = Pattern.compile(
            "(?i)^[\\s>*]*(?:[-=_]{2,}\\s*\\**\\s*[^-=_\\s][^\\n]{1,80}?[^-=_\\s*]\\s*\\**\\s*[-=_]{2,}|"
                    + "[\\p{L} ,'’.-]{0,60}(?:" + ReplyMarkers.FORWARD_WORDS + ")[\\p{L} ,'’.-]{0,40}\\s?[:：])\\s*\\**\\s*(.*)$");
    private static final Pattern FIELD_SPLIT = Pattern.compile(
            // The look-behind stays case-sensitive: Yahoo runs "…09:26:50 CET" into "Ämne:" with no space.
            "(?<!\\p{Ll})((?iu:" + HeaderLabels.alternation() + "))\\s?[:：]");
    private static final Pattern ANGLE = Pattern.compile("^(.*?)\\s*[<\\[](?:mailto:)?([^<>\\[\\]\\s]+@[^<>\\[\\]\\s]+)[>\\]]\\s*$");
    private static final Pattern ATTRIBUTED_ADDRESS = Pattern.compile("[<(\\[]?(?:mailto:)?([^\\s<>()\\[\\]\"]+@[^\\s<>()\\[\\]\"]+?)[>)\\]]{0,2}(?=[\\s,:]|$)");
    private static final Pattern ATTRIBUTED_DATE = Pattern.compile("\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{1,4},?\\s+\\d{1,2}[:.]\\d\\d|"
            + "\\p{L}*,?\\s*\\d{1,2}\\.?\\s\\p{L}+\\.?\\s\\d{4}.{0,20}?\\d{1,2}[:.]\\d\\d");
    private static final Pattern DASHED = Pattern.compile("^[\\s>*]*[-=_]{2,}");
    private static final Pattern BARE = Pattern.compile("^<?(?:mailto:)?([^<>\\s\"]+@[^<>\\s\"]+?)>?$");

    /** A body alone, as {@code classify --text} gives it: the body's own markers decide. */
    public Optional<Forwarded> parse(String body) {
        return parse(body, "");
    }

    /**
     * A whole message: the subject takes part. Under "Re:"/"AW:"/"回复:" a header block or an attribution
     * without a forward banner is quoted history, not a forward; under "Fwd:"/"WG:"/"转发:" a header block
     * anywhere in the body is the forwarded message even when no banner introduces it.
     */
    public Optional<Forwarded> parse(String body, String subject) {
        SubjectPrefixes.Kind kind = SubjectPrefixes.of(subject);
        Optional<Forwarded> found = parse(body, kind == SubjectPrefixes.Kind.REPLY);
        if (found.isEmpty() && kind == SubjectPrefixes.Kind.FORWARD) {
            List<String> lines = Arrays.asList(ReplyStripper.normalise(body).split("\n", -1));
            for (int i = 0; i < lines.size(); i++) {
                HeaderLabels.Labelled labelled = HeaderLabels.parse(lines.get(i));
                if (labelled != null && labelled.field() == HeaderLabels.Field.FROM) {
                    boolean quoted = lines.get(i).stripLeading().startsWith(">");
                    return read(unquote(lines.subList(i, lines.size()), quoted), above(lines, i));
                }
            }
        }
        return found;
    }

    private Optional<Forwarded> parse(String body, boolean bannerOnly) {
        List<String> lines = Arrays.asList(ReplyStripper.normalise(body).split("\n", -1));
        int first = ReplyMarkers.nextNonBlank(lines, 0, lines.size());
        if (!bannerOnly && first >= 0 && ReplyMarkers.attributionAt(lines, first) > 0) {
            return attributedAtTop(lines, first);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            boolean quoted = line.stripLeading().startsWith(">");
            // A dashed rule with words is enough when a header block follows; a bare intro line must say "forward".
            boolean dashed = DASHED.matcher(line).find();
            // Only a dashed line or one ending in a colon can be a separator, and without dashes only one
            // naming a forward can match SEPARATOR: the matcher is made for those alone.
            boolean candidate = dashed || (line.stripTrailing().endsWith(":") || line.stripTrailing().endsWith("：")) && isForward(line);
            Matcher separator = candidate ? SEPARATOR.matcher(line) : null;
            boolean banner = QuoteHeaders.banner(line) != null;
            if (banner || separator != null && separator.matches() && ReplyMarkers.attributionAt(lines, i) == 0) {
                String inline = banner || separator.group(1) == null ? "" : separator.group(1).strip();
                List<String> rest = unquote(lines.subList(i + 1, lines.size()), quoted);
                if (!inline.isEmpty() && HeaderLabels.parse(inline) != null) {
                    rest = new ArrayList<>(rest);
                    rest.add(0, inline);
                }
                Optional<Forwarded> parsed = read(rest, above(lines, i));
                if (parsed.isPresent()) {
                    return parsed;
                }
            } else if (!bannerOnly && ReplyMarkers.headerBlockAt(lines, i) > 0 && HeaderLabels.parse(line).field() == HeaderLabels.Field.FROM) {
                return read(unquote(lines.subList(i, lines.size()), quoted), above(lines, i));
            }
        }
        return Optional.empty();
    }

    /**
     * Outlook 2019 forwards with an attribution ("On 28/10/2021 12:46, "John Doe" <john@acme.com> wrote:") and
     * an indented body. Only at the very top: with text above it, the same line introduces a quoted reply.
     */
    private static Optional<Forwarded> attributedAtTop(List<String> lines, int at) {
        int length = ReplyMarkers.attributionAt(lines, at);
        String attribution = String.join(" ", lines.subList(at, at + length)).strip();
        Matcher address = ATTRIBUTED_ADDRESS.matcher(attribution);
        if (!address.find()) {
            return Optional.empty();
        }
        String before = attribution.substring(0, address.start());
        String name = before.replaceAll("^.*(\\d{1,2}[:.]\\d\\d(\\s?[AaPp][Mm])?|,)\\s*", "")
                .replaceAll("(?iu)^(heeft|időpontban|from|от|de|di|von|van|kirjoitti|napisał\\(a\\)|schrieb)\\s+", "");
        Mailbox from = new Mailbox(unquoteName(name.strip()), address.group(1));
        Matcher time = ATTRIBUTED_DATE.matcher(attribution);
        String date = time.find() ? time.group().strip() : "";
        List<String> rest = lines.subList(at + length, lines.size());
        String indent = rest.stream().filter(l -> !l.isBlank()).findFirst().map(l -> l.replaceFirst("^(\\s*).*$", "$1")).orElse("");
        List<String> body = rest.stream().map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading()).toList();
        return Optional.of(new Forwarded(from.name(), from.address(), List.of(), List.of(), date, "",
                String.join("\n", body).strip(), ""));
    }

    private static boolean isForward(String line) {
        return ReplyMarkers.FORWARD_WORD.foundIn(line);
    }

    private static String above(List<String> lines, int i) {
        String text = String.join("\n", lines.subList(0, i)).strip();
        return text;
    }

    private static List<String> unquote(List<String> lines, boolean quoted) {
        if (!quoted) {
            return lines;
        }
        List<String> result = new ArrayList<>();
        for (String line : lines) {
            result.add(line.replaceFirst("^\\s*> ?", ""));
        }
        return result;
    }

    private static Optional<Forwarded> read(List<String> lines, String message) {
        int i = ReplyMarkers.nextNonBlank(lines, 0, 3);
        if (i < 0) {
            return Optional.empty();
        }
        Map<HeaderLabels.Field, String> fields = new EnumMap<>(HeaderLabels.Field.class);
        HeaderLabels.Field last = null;
        int bodyStart = lines.size();
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    bodyStart = i;
                    break;
                }
                continue;
            }
            List<Map.Entry<HeaderLabels.Field, String>> found = fieldsIn(line);
            if (found.isEmpty()) {
                boolean continuation = last != null && (last == HeaderLabels.Field.TO || last == HeaderLabels.Field.CC)
                        && (line.contains("@") || fields.get(last).endsWith(",") || fields.get(last).endsWith(";"));
                if (continuation) {
                    fields.merge(last, " " + line.strip(), String::concat);
                    continue;
                }
                bodyStart = i;
                break;
            }
            for (Map.Entry<HeaderLabels.Field, String> entry : found) {
                fields.putIfAbsent(entry.getKey(), entry.getValue());
                last = entry.getKey();
            }
        }
        if (!fields.containsKey(HeaderLabels.Field.FROM)
                || !(fields.containsKey(HeaderLabels.Field.SUBJECT) || fields.containsKey(HeaderLabels.Field.DATE))) {
            return Optional.empty();
        }
        Mailbox from = mailbox(fields.get(HeaderLabels.Field.FROM));
        List<String> bodyLines = lines.subList(Math.min(bodyStart, lines.size()), lines.size());
        if (!bodyLines.isEmpty() && bodyLines.stream().allMatch(l -> l.isBlank() || l.stripLeading().startsWith(">"))) {
            // MailMate and Missive quote the forwarded body under an unquoted header block.
            bodyLines = unquote(bodyLines, true);
        }
        String body = String.join("\n", bodyLines).strip();
        return Optional.of(new Forwarded(from.name(), from.address(), mailboxes(fields.get(HeaderLabels.Field.TO)),
                mailboxes(fields.get(HeaderLabels.Field.CC)), fields.getOrDefault(HeaderLabels.Field.DATE, ""),
                fields.getOrDefault(HeaderLabels.Field.SUBJECT, ""), body, message));
    }

    /** One line may hold one labelled field, or several run together (Yahoo's one-line block). */
    private static List<Map.Entry<HeaderLabels.Field, String>> fieldsIn(String line) {
        List<Map.Entry<HeaderLabels.Field, String>> result = new ArrayList<>();
        HeaderLabels.Labelled single = HeaderLabels.parse(line);
        if (single == null) {
            return result;
        }
        if (colons(line) < 3) {
            // Each field of a one-line block ends at its own colon, so fewer than three colons cannot hold three.
            result.add(Map.entry(single.field(), clean(single.value())));
            return result;
        }
        Matcher m = FIELD_SPLIT.matcher(line);
        List<int[]> spans = new ArrayList<>();
        List<HeaderLabels.Field> names = new ArrayList<>();
        while (m.find()) {
            HeaderLabels.Field field = HeaderLabels.field(m.group(1));
            if (field != null && (spans.isEmpty() || !names.contains(field))) {
                spans.add(new int[]{m.start(), m.end()});
                names.add(field);
            }
        }
        if (spans.size() < 3) {
            result.add(Map.entry(single.field(), clean(single.value())));
            return result;
        }
        for (int k = 0; k < spans.size(); k++) {
            int valueEnd = k + 1 < spans.size() ? spans.get(k + 1)[0] : line.length();
            result.add(Map.entry(names.get(k), clean(line.substring(spans.get(k)[1], valueEnd))));
        }
        return result;
    }

    private static int colons(String line) {
        int count = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ':' || c == '：') {
                count++;
            }
        }
        return count;
    }

    private static String clean(String value) {
        return value.replace("\t", " ").replaceAll("^\\*+|\\*+$", "").strip();
    }

    static List<Mailbox> mailboxes(String value) {
        List<Mailbox> result = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return result;
        }
        for (String part : splitList(value)) {
            if (!part.isBlank()) {
                result.add(mailbox(part));
            }
        }
        return result;
    }

    /** Splits on commas and semicolons outside quotes and brackets. */
    private static List<String> splitList(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inQuotes = false;
        int depth = 0;
        for (char c : value.toCharArray()) {
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == '<' || c == '[') {
                depth++;
            } else if (c == '>' || c == ']') {
                depth = Math.max(0, depth - 1);
            }
            if ((c == ',' || c == ';') && !inQuotes && depth == 0 && current.toString().contains("@")) {
                parts.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().strip());
        return parts;
    }

    static Mailbox mailbox(String value) {
        // Foxmail ends each address with ';' and omits the space before '<'.
        String v = value == null ? "" : value.strip().replaceAll("[;,]+$", "").strip();
        Matcher angle = ANGLE.matcher(v);
        if (angle.matches()) {
            String name = unquoteName(angle.group(1));
            String address = angle.group(2);
            return new Mailbox(name.equalsIgnoreCase(address) ? "" : name, address);
        }
        Matcher bare = BARE.matcher(v);
        if (bare.matches()) {
            return new Mailbox("", bare.group(1));
        }
        return new Mailbox(unquoteName(v), "");
    }

    private static String unquoteName(String name) {
        String n = name.strip();
        if (n.length() >= 2 && (n.startsWith("\"") && n.endsWith("\"") || n.startsWith("'") && n.endsWith("'")
                || n.startsWith("«") && n.endsWith("»"))) {
            n = n.substring(1, n.length() - 1).strip();
        }
        return n;
    }
}
