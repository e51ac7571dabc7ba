package io.genjin.classifier.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Squashed whitespace (the timeline's snippet, a bounce's diagnostic): the same as collapsing every whitespace run with a regular expression, stripping and cutting. */
class WhitespaceTest {
    private static String byRegex(String text, int max) {
        String s = text.replaceAll("\\s+", " ").strip();
        return s.length() <= max ? s : s.substring(0, max);
    }

    @Test
    void collapsesStripsAndCutsAsTheRegularExpressionDid() {
        assertThat(Whitespace.squash("  Dear Anna,\r\n\r\n  please find\tthe quote  ", 200))
                .isEqualTo("Dear Anna, please find the quote");
        assertThat(Whitespace.squash("Dear Anna,\r\n\r\nplease", 11)).isEqualTo("Dear Anna, ");
        assertThat(Whitespace.squash("Dear Anna,\r\n\r\nplease", 10)).isEqualTo("Dear Anna,");
        assertThat(Whitespace.squash("报价单\u3000\u3000 ", 200)).isEqualTo("报价单");
        assertThat(Whitespace.squash(" \u3000 ", 200)).isEmpty();
        assertThat(Whitespace.squash("a\u00A0b", 200)).as("a no-break space is not \\s").isEqualTo("a\u00A0b");
    }

    /** Every mix of the kinds of whitespace the two definitions disagree on, at every cut. */
    @Test
    void agreesWithTheRegularExpressionOnRandomTextAtEveryLength() {
        char[] alphabet = {'a', 'b', '报', ' ', '\t', '\n', '\r', '\u000B', '\f', '\u3000', '\u2003', '\u00A0', '\u001C',
                '\u2028', '\uD83D', '\uDE00'};
        Random random = new Random(17);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(24);
            for (int k = 0; k < length; k++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            int max = random.nextInt(20);
            assertThat(Whitespace.squash(text.toString(), max)).as("%s cut at %d", text, max)
                    .isEqualTo(byRegex(text.toString(), max));
        }
    }
}
