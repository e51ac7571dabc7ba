package io.genjin.classifier.reply;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a plain-text body into the new part, the signature and the quoted history. Steps, in order:
 * <ol>
 *   <li>find the first quote marker (attribution, separator, header block) outside code fences;</li>
 *   <li>a marker with nothing above it opens a reply written below the quote: drop the marker and the
 *       quote right under it, keep going;</li>
 *   <li>a marker followed by a {@code >} quote and then a paragraph of new text is an inline reply: drop
 *       only the marker;</li>
 *   <li>otherwise everything from the marker on is history;</li>
 *   <li>the signature starts at a "-- " delimiter, a mobile "Sent from" line or a contact-details block;</li>
 *   <li>a quote block just before the signature (or the end) is history too;</li>
 *   <li>when nothing would be left, the whole body is kept and the reply says so ({@link Reply#keptWhole()}).</li>
 * </ol>
 */
public final class ReplyStripper {

    /* An inline answer is at least two lines of one's own; a lone line between quotes is a wrapped quote. */
    private static final int INLINE_ANSWER_LINES = 2;
    private static final Pattern LEADING_BLANK_LINES = Pattern.compile("^(\\s*\\n)+");
    private static final List<String> MARKERS = MarkerTables.get().signatures().stream().filter(r -> r.get(0).equals("marker"))
            .map(r -> r.get(3)).toList();
    private static final Pattern MARKER_LINE = MARKERS.isEmpty() ? null
            : Pattern.compile("(?m)^[ \\t]*(" + String.join("|", MARKERS.stream().map(Pattern::quote).toList()) + ")[ \\t]*$");

    public Reply strip(String body) {
        return strip(body, "");
    }

    /**
     * The sender to strip a message for: the From header's display name, else its address, as written.
     * Whoever strips the same message again names the sender this way, so that the reply made before
     * is found ({@link RecentCuts} keeps one per body and sender).
     */
    public static String senderOf(String fromHeader) {
        String from = fromHeader == null ? "" : fromHeader;
        int angle = from.indexOf('<');
        String name = angle > 0 ? from.substring(0, angle).replace("\"", "").strip() : "";
        return name.isEmpty() ? from.replaceAll("[<>]", "").strip() : name;
    }

    /** @param sender the sender's display name or address ({@link #senderOf}), which helps find an undelimited signature */
    public Reply strip(String body, String sender) {
        String by = sender == null ? "" : sender;
        Cut cut = RecentCuts.cut(body);
        Reply known = cut.reply(by);
        if (known != null) {
            return known;
        }
        List<String> lines = new ArrayList<>(cut.lines());
        List<String> quoted = new ArrayList<>(cut.quoted());
        int end = cut.end();
        int signatureStart = SignatureReader.start(lines, end, by);
        int textEnd = dropTrailingQuotes(lines, signatureStart >= 0 ? signatureStart : end, quoted);
        String text = join(lines, 0, textEnd);
        String signature = signatureStart >= 0 ? join(lines, signatureStart, end) : "";
        String withSignature = signatureStart >= 0 && textEnd == signatureStart ? join(lines, 0, end)
                : signature.isEmpty() ? text : (text + "\n\n" + signature).strip();
        Reply reply = text.isBlank() && !cut.whole().isEmpty() ? new Reply(cut.whole(), Signature.NONE, "", cut.whole(), true)
                : new Reply(text, Signature.of(signature), String.join("\n", quoted).strip(), withSignature, false);
        cut.remember(by, reply);
        return reply;
    }

    /**
     * Where one body's history starts, which does not depend on the sender: the lines left after the
     * markers above a reply were removed, what was removed or follows the cut, the cut's line, and the
     * whole body normalised. The expensive part of a strip (every line tried against the attribution
     * and header patterns).
     */
    static Cut cutOf(String body) {
        String normalised = normalise(body);
        String[] split = normalised.split("\n", -1);
        List<String> lines = new ArrayList<>(Arrays.asList(split));
        List<String> quoted = new ArrayList<>();
        int end = cutAtHistory(lines, quoted);
        return new Cut(List.copyOf(lines), List.copyOf(quoted), end, join(Arrays.asList(split), 0, split.length).strip());
    }

    /**
     * The client whose marker opens the quoted history, for accuracy figures per client: the table row
     * of its attribution or banner, "header block" for an unlabelled Outlook-style block, "quote" for
     * bare {@code >} lines, "none" when nothing was removed.
     */
    public static String markerClient(String quoted) {
        List<String> lines = Arrays.asList(normalise(quoted).split("\n", -1));
        int first = ReplyMarkers.nextNonBlank(lines, 0, lines.size());
        if (first < 0) {
            return "none";
        }
        MarkerTables.Row banner = QuoteHeaders.banner(lines.get(first));
        if (banner != null) {
            return banner.get(2);
        }
        int length = ReplyMarkers.attributionAt(lines, first);
        if (length > 0) {
            QuoteHeaders.Template t = QuoteHeaders.match(String.join(" ", lines.subList(first, first + length)));
            return t == null ? "attribution (no table row)" : t.row().get(1);
        }
        if (ReplyMarkers.headerBlockAt(lines, first) > 0) {
            return "header block";
        }
        return ReplyMarkers.QUOTE.matcher(lines.get(first)).find() ? "quote" : "other";
    }

    static String normalise(String body) {
        String text = body == null ? "" : body.replace("\r\n", "\n").replace('\r', '\n');
        // A byte-order mark or zero-width space in front of an attribution hides it from the patterns, and
        // French clients put a no-break space before colons ("Date\u00a0:").
        text = text.replace("\uFEFF", "").replace("\u200B", "").replace('\u00A0', ' ').replace('\u202F', ' ');
        // Client markers (Gmail's U+1427) left alone on a line are not words anyone wrote; most bodies have none.
        return MARKER_LINE == null || MARKERS.stream().noneMatch(text::contains) ? text : MARKER_LINE.matcher(text).replaceAll("");
    }

    private static int cutAtHistory(List<String> lines, List<String> quoted) {
        boolean inFence = false;
        boolean seenText = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
            }
            if (inFence) {
                seenText = true;
                continue;
            }
            int marker = ReplyMarkers.markerAt(lines, i);
            if (marker == 0) {
                seenText |= !line.isBlank();
                continue;
            }
            if (!seenText) {
                int quoteEnd = skipQuote(lines, i + marker);
                remove(lines, i, quoteEnd, quoted);
                i--;
                continue;
            }
            if (inlineReplyFollows(lines, i + marker)) {
                remove(lines, i, i + marker, quoted);
                i--;
                continue;
            }
            quoted.addAll(lines.subList(i, lines.size()));
            return i;
        }
        return lines.size();
    }

    private static void remove(List<String> lines, int from, int to, List<String> quoted) {
        quoted.addAll(lines.subList(from, to));
        lines.subList(from, to).clear();
    }

    /** End of the {@code >} quote (with the blank lines around it) that starts at or after {@code from}; from when none. */
    private static int skipQuote(List<String> lines, int from) {
        int i = ReplyMarkers.nextNonBlank(lines, from, 2);
        if (i < 0 || !ReplyMarkers.QUOTE.matcher(lines.get(i)).find()) {
            return from;
        }
        while (i < lines.size() && (lines.get(i).isBlank() || ReplyMarkers.QUOTE.matcher(lines.get(i)).find())) {
            i++;
        }
        return i;
    }

    /** After the marker: a {@code >} quote, then a paragraph of the replier's own (not a signature, not history). */
    private static boolean inlineReplyFollows(List<String> lines, int from) {
        int i = skipQuote(lines, from);
        if (i == from) {
            return false;
        }
        int own = 0;
        for (int k = i; k < lines.size(); k++) {
            String line = lines.get(k);
            if (ReplyMarkers.QUOTE.matcher(line).find() || SignatureReader.isDelimiter(line)
                    || ReplyMarkers.markerAt(lines, k) > 0) {
                break;
            }
            if (!line.isBlank()) {
                own++;
            }
        }
        return own >= INLINE_ANSWER_LINES;
    }

    private static int dropTrailingQuotes(List<String> lines, int end, List<String> quoted) {
        int i = end;
        while (i > 0 && (lines.get(i - 1).isBlank() || ReplyMarkers.NAMED_QUOTE.matcher(lines.get(i - 1)).find())) {
            i--;
        }
        boolean anyQuote = false;
        for (int k = i; k < end; k++) {
            anyQuote |= !lines.get(k).isBlank();
        }
        if (!anyQuote || i == 0) {
            return end;
        }
        quoted.addAll(0, lines.subList(i, end));
        return i;
    }

    private static String join(List<String> lines, int from, int to) {
        if (from >= to) {
            return "";
        }
        String joined = String.join("\n", lines.subList(from, to));
        return LEADING_BLANK_LINES.matcher(joined).replaceFirst("").stripTrailing();
    }
}
