package io.genjin.classifier.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The quote-header templates skip their regex when a literal word of theirs is missing from the
 * folded line; that is only safe if two chars the regex's case-insensitive match calls equal always
 * fold to the same char.
 */
class QuoteHeadersFoldTest {

    @Test
    void charsTheRegexEquatesFoldAlike() {
        List<String> broken = new ArrayList<>();
        for (int c = 0; c <= 0xFFFF; c++) {
            if (Character.isSurrogate((char) c)) {
                continue;
            }
            String one = String.valueOf((char) c);
            Pattern same = Pattern.compile("(?iu)" + Pattern.quote(one));
            for (char other : new char[] {Character.toUpperCase((char) c), Character.toLowerCase((char) c),
                    Character.toTitleCase((char) c)}) {
                String two = String.valueOf(other);
                if (same.matcher(two).matches() && !QuoteHeaders.fold(one).equals(QuoteHeaders.fold(two))) {
                    broken.add(Integer.toHexString(c) + "~" + Integer.toHexString(other));
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void foldingKeepsTheLength() {
        assertThat(QuoteHeaders.fold("İstanbul ΣΑΣ Straße")).hasSize("İstanbul ΣΑΣ Straße".length());
        assertThat(QuoteHeaders.fold("YAZDI")).isEqualTo(QuoteHeaders.fold("yazdı"));
    }

    @Test
    void anAttributionStillMatchesItsTemplateInAnyCase() {
        assertThat(QuoteHeaders.match("ON MON, 3 JAN 2022 AT 10:00, JOHN SMITH <JOHN@ACME.COM> WROTE:")).isNotNull();
        assertThat(QuoteHeaders.match("the price list you sent on Monday was clear:")).isNull();
    }
}
