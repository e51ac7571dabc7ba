package io.genjin.classifier.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The verb checks without a regex say exactly what the regexes they replaced said. */
class ReplyMarkersVerbTest {
    private static final Pattern ANY = Pattern.compile("(?i)(" + ReplyMarkers.WROTE + ")");
    private static final Pattern AT_END = Pattern.compile("(?i)(" + ReplyMarkers.WROTE + ")[\\s-]*$");

    @Test
    void sameAnswersAsTheRegexes() {
        // The marker tables hold hundreds of verbs: one piece in eight is one of them, the rest near-misses and separators.
        List<String> verbList = QuoteHeaders.VERBS;
        List<String> pieces = new ArrayList<>(List.of("WROTE", "Wrote", "SCHRIEB", "НАПИСАЛ", "Написал", "A ÉCRIT", "a Écrit", "wrot", "rote", " ", "  ",
                "\t", "\n", "\r\n", "-", " - ", ":", "：", "On Mon, 3 Jan 2022 at 10:00, John <john@acme.com>", "x", "é", "İ",
                "写", "道", "12:30", ">", "*", "\u000B", "\f", "\u00A0", "\u2003"));
        Random random = new Random(17);
        int verbs = 0;
        int ends = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int k = random.nextInt(6); k >= 0; k--) {
                s.append(random.nextInt(8) == 0 ? verbList.get(random.nextInt(verbList.size()))
                        : pieces.get(random.nextInt(pieces.size())));
            }
            String text = s.toString();
            boolean any = ANY.matcher(text).find();
            boolean atEnd = AT_END.matcher(text).find();
            assertThat(ReplyMarkers.containsVerb(text)).as("containsVerb(%s)", text).isEqualTo(any);
            assertThat(ReplyMarkers.endsWithVerb(text)).as("endsWithVerb(%s)", text).isEqualTo(atEnd);
            verbs += any ? 1 : 0;
            ends += atEnd ? 1 : 0;
        }
        // Both answers occur often enough for the comparison to mean something.
        assertThat(verbs).isBetween(20_000, 190_000);
        assertThat(ends).isBetween(10_000, 190_000);
    }
}
