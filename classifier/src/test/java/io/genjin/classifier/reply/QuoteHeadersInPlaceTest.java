package io.genjin.classifier.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The tail key and the ends of a template are read in place, from the ends of a line, instead of from a
 * lower-cased or compacted copy of the whole line, and the banner key is made by hand, not by two regexes;
 * they must say exactly what the copies and regexes say, on every char (cased, uncased, surrogates, the
 * sigma and dotted I that lower-case apart) and on lines made of the chars the checks treat specially.
 */
class QuoteHeadersInPlaceTest {
    private static final String TRICKY = " \t\n\u000B\f\r*>-:：៖aAzZ İıiIΣσςſsSKk\u212A写道\uD801\uDC00\uD801\uDC28";

    @Test
    void theTailKeyIsTheLowerCaseOfTheWholeKeptText() {
        List<String> broken = new ArrayList<>();
        for (int c = 0; c <= 0xFFFF; c++) {
            String one = String.valueOf((char) c);
            for (String text : List.of(one, "wrote " + one, one + ":", one + " *", one + one, "İ" + one, one + "İ",
                    "ΑΣ" + one, one + "Σ", "Σ " + one + " Α", "\uD801\uDC00" + one, one + "\uD801\uDC00", "a*" + one + "**")) {
                if (!QuoteHeaders.tailKey(text).equals(QuoteHeaders.wholeTailKey(text))) {
                    broken.add(Integer.toHexString(c) + " in " + text);
                }
            }
        }
        assertThat(broken).isEmpty();
        Random random = new Random(11);
        for (int n = 0; n < 200_000; n++) {
            String text = randomText(random);
            assertThat(QuoteHeaders.tailKey(text)).as(text).isEqualTo(QuoteHeaders.wholeTailKey(text));
        }
    }

    @Test
    void theEndsReadInPlaceAreTheEndsOfTheCompactedText() {
        Random random = new Random(5);
        for (QuoteHeaders.Template template : QuoteHeaders.TEMPLATES) {
            String opening = template.opening();
            String closing = template.closing();
            for (int n = 0; n < 300; n++) {
                String text = switch (n % 3) {
                    case 0 -> randomText(random);
                    case 1 -> randomText(random) + spaced(closing, random) + randomText(random).replaceAll("[^ *]", "");
                    default -> randomText(random).replaceAll("[^ >*-]", "") + spaced(opening, random) + randomText(random);
                };
                String compact = QuoteHeaders.compact(text);
                assertThat(QuoteHeaders.opensWith(text, opening)).as("%s opens %s", opening, text)
                        .isEqualTo(compact.startsWith(opening, leadingMarks(compact)));
                assertThat(QuoteHeaders.closesWith(text, closing)).as("%s closes %s", closing, text)
                        .isEqualTo(compact.startsWith(closing, compact.length() - trailingStars(compact) - closing.length()));
            }
        }
    }

    @Test
    void theBannerKeyByHandIsTheKeyTheRegexesMake() {
        List<String> rows = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (MarkerTables.Row row : MarkerTables.get().banners()) {
            rows.add(row.get(3));
            if (!row.get(0).endsWith("_word")) {
                keys.add(QuoteHeaders.regexBannerKey(row.get(3)));
            }
        }
        keys.remove("");
        Random random = new Random(3);
        List<String> texts = new ArrayList<>(rows);
        for (int n = 0; n < 100_000; n++) {
            if (random.nextBoolean()) {
                // A banner between marks and spaces, its own spaces doubled or not: mostly still a banner.
                String banner = rows.get(random.nextInt(rows.size())).replace(" ", random.nextBoolean() ? " " : " \t");
                texts.add(pick(" \t>*-=_\u200B", random) + banner + pick(" \t*-=_:：\u200B", random));
            } else {
                texts.add(pick(" \t\u000B\f\r\n>*-=_:：\u200B\u0085\u2028\u2029aAİΣ原始邮件", random)
                        + (random.nextBoolean() ? rows.get(random.nextInt(rows.size())) : "")
                        + pick(" \t\u000B\f\r\n>*-=_:：\u200B\u0085\u2028\u2029aAİΣ原始邮件", random));
            }
        }
        // However deep the quote or long the rule around a banner, it is one.
        for (String row : rows) {
            texts.add(">".repeat(90) + " " + row);
            texts.add("> > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > " + row + " " + "-=_*".repeat(30) + "：");
        }
        int banners = 0;
        for (String text : texts) {
            assertThat(QuoteHeaders.bannerKey(text)).as(text).isEqualTo(QuoteHeaders.regexBannerKey(text));
            boolean banner = keys.contains(QuoteHeaders.regexBannerKey(text));
            assertThat(QuoteHeaders.banner(text) != null).as("a banner: %s", text).isEqualTo(banner);
            banners += banner ? 1 : 0;
        }
        assertThat(banners).isGreaterThan(30_000);
    }

    private static String pick(String chars, Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            out.append(chars.charAt(random.nextInt(chars.length())));
        }
        return out.toString();
    }

    /** The literal text again, its chars in any case and with spaces between some. */
    private static String spaced(String literal, Random random) {
        StringBuilder out = new StringBuilder();
        for (char c : literal.toCharArray()) {
            out.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
            if (random.nextInt(4) == 0) {
                out.append(random.nextBoolean() ? ' ' : '\t');
            }
        }
        return out.toString();
    }

    private static String randomText(Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            out.append(TRICKY.charAt(random.nextInt(TRICKY.length())));
        }
        return out.toString();
    }

    private static int leadingMarks(String compact) {
        int n = 0;
        while (n < compact.length() && "->*".indexOf(compact.charAt(n)) >= 0) {
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
}
