package io.genjin.classifier.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The verb checks without a regex say exactly what the regexes they replaced said, overlapping verbs
 * ("napsal(a) dne", "napsal(a)", "napsal") and where the last of several ends included.
 */
class ReplyMarkersVerbTest {
    private static final Pattern ANY = Pattern.compile("(?i)(" + ReplyMarkers.WROTE + ")");
    private static final Pattern AT_END = Pattern.compile("(?i)(" + ReplyMarkers.WROTE + ")[\\s-]*$");
    private static final Pattern CONTINUATION = Pattern.compile("(?i)(" + ReplyMarkers.WROTE + ")|^<|mailto:");

    @Test
    void sameAnswersAsTheRegexes() {
        // The marker tables hold hundreds of verbs: one piece in eight is one of them, the rest near-misses and separators.
        List<String> verbList = QuoteHeaders.VERBS;
        List<String> pieces = new ArrayList<>(List.of("WROTE", "Wrote", "SCHRIEB", "НАПИСАЛ", "Написал", "A ÉCRIT", "a Écrit", "wrot", "rote", " ", "  ",
                "\t", "\n", "\r\n", "-", " - ", ":", "：", "On Mon, 3 Jan 2022 at 10:00, John <john@acme.com>", "x", "é", "İ",
                "写", "道", "12:30", ">", "*", "\u000B", "\f", "\u00A0", "\u2003", "<", "MailTo:", "mailto",
                "x".repeat(40), "Some words of one's own, long enough to push a verb away from the end. "));
        Random random = new Random(17);
        int verbs = 0;
        int ends = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                s.append(random.nextInt(8) == 0 ? verbList.get(random.nextInt(verbList.size()))
                        : pieces.get(random.nextInt(pieces.size())));
            }
            String text = s.toString();
            boolean any = ANY.matcher(text).find();
            boolean atEnd = AT_END.matcher(text).find();
            assertThat(ReplyMarkers.containsVerb(text)).as("containsVerb(%s)", text).isEqualTo(any);
            assertThat(ReplyMarkers.endsWithVerb(text)).as("endsWithVerb(%s)", text).isEqualTo(atEnd);
            assertThat(ReplyMarkers.verbNearEnd(text)).as("verbNearEnd(%s)", text).isEqualTo(nearEnd(text));
            assertThat(ReplyMarkers.continuation(text)).as("continuation(%s)", text)
                    .isEqualTo(CONTINUATION.matcher(text).find());
            verbs += any ? 1 : 0;
            ends += atEnd ? 1 : 0;
        }
        // Both answers occur often enough for the comparison to mean something.
        assertThat(verbs).isBetween(20_000, 190_000);
        assertThat(ends).isBetween(10_000, 190_000);
    }

    @Test
    void theLeadCheckAnswersAsItsRegex() {
        Pattern lead = Pattern.compile("(?iu)^[\\s>*-]*(" + QuoteHeaders.LEADS + "|\\d)|@|\\d{1,2}[:.]\\d\\d");
        Pattern time = Pattern.compile("\\d{1,2}[:.]\\d\\d");
        List<String> pieces = List.of("On", "on", "Am", "Le", "El", "在", "> ", "-", "*", " ", "1", "12", "123", ":", ".", "：",
                "05", "a@b", "x", "é", "٣", "Mon, 3 Jan 2022", "wrote", "Thanks for the order");
        Random random = new Random(29);
        int leads = 0;
        for (int n = 0; n < 100_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int k = random.nextInt(8); k >= 0; k--) {
                s.append(pieces.get(random.nextInt(pieces.size())));
            }
            String text = s.toString();
            boolean expected = lead.matcher(text).find();
            assertThat(ReplyMarkers.leadsLikeAttribution(text)).as(text).isEqualTo(expected);
            assertThat(ReplyMarkers.hasTime(text)).as(text).isEqualTo(time.matcher(text).find());
            leads += expected ? 1 : 0;
        }
        assertThat(leads).isBetween(10_000, 90_000);
    }

    /** The last match of the regex ends at most 80 chars before the end, as the regex loop found it. */
    private static boolean nearEnd(String text) {
        Matcher m = ANY.matcher(text);
        int lastEnd = -1;
        while (m.find()) {
            lastEnd = m.end();
        }
        return lastEnd >= 0 && text.length() - lastEnd <= 80;
    }
}
