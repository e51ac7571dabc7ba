package io.genjin.classifier.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.classifier.CorpusTexts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * {@link Addresses#in} tries its regex only where a match can start; it must find what trying it at every
 * position finds: on lines made for the edges, on random strings of the characters that matter, and on
 * every file of the bounce and reply corpora.
 */
class AddressesTest {
    @Test
    void findsWhatTheRegexFindsAtEveryPosition() {
        for (String text : List.of("", "no address here", "a@@b.com", "@a.com x@y.org", "x@ y@z.com", "a@b",
                "foo.bar@baz.com,qux@quux.org", "<anna.li@ningbo-bright.cn>; \"B\" <b@c.de>", "user@-bad.com ok@fine.io",
                "Final-Recipient: rfc822; hans@acme-trading.de", "a.b@c.d@e.f", "...@x.y", "x@y.z@", "ab@#c.de")) {
            assertSame(text);
        }
        assertThat(Addresses.in("foo.bar@baz.com,qux@quux.org")).containsExactly("foo.bar@baz.com", "qux@quux.org");
        assertThat(Addresses.in("a@@b.com")).isEmpty();
    }

    @Test
    void randomStringsOfTheCharactersThatMatter() {
        Random random = new Random(11);
        String alphabet = "ab.-@ #<>x9_";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertSame(text.toString());
        }
    }

    @Test
    void everyCorpusFile() {
        int found = 0;
        for (String text : CorpusTexts.of(StandardCharsets.ISO_8859_1, 300_000, "sisimai", "reply-forward", "cjk")) {
            found += assertSame(text);
        }
        if (CorpusTexts.present("sisimai")) {
            assertThat(found).isGreaterThan(1000);
        }
    }

    private static int assertSame(String text) {
        Set<String> expected = new LinkedHashSet<>();
        Matcher m = Addresses.ADDRESS.matcher(text);
        while (m.find()) {
            expected.add(Addresses.clean(m.group()));
        }
        assertThat(Addresses.in(text)).as("addresses in %s", text).isEqualTo(new ArrayList<>(expected));
        return expected.size();
    }
}
