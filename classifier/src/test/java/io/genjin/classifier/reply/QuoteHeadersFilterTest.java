package io.genjin.classifier.reply;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.classifier.CorpusTexts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A template runs its regex only on lines that pass {@link QuoteHeaders.Template#couldMatch}; the filter
 * must never turn away a line the regex matches. Checked on every template filled in the ways mail clients
 * print them (case, spacing, quote marks, full-width colons, bold asterisks), and on every window of up
 * to three lines of the reply corpora, joined as the stripper joins them, against the templates it would try.
 */
class QuoteHeadersFilterTest {
    private static final String[] SENDERS = {"John Smith", "张伟", "\"Müller, Anna\"", "j.smith@acme.com",
        "John Smith <john@acme.com>", "李娜 <li.na@example.cn>"};
    private static final String[] DATES = {"Mon, 3 Jan 2022", "2022年1月3日", "03.01.2022", "3 janv. 2022",
        "Tuesday, March 5, 2024 10:15 AM", "2024-03-05 10:15"};
    private static final String[] TIMES = {"10:15", "10.15", "下午3:04", "22:01:33"};

    @Test
    void everyFilledTemplateThatItsRegexMatchesPassesTheFilter() {
        Random random = new Random(7);
        int matched = 0;
        for (QuoteHeaders.Template template : QuoteHeaders.TEMPLATES) {
            for (int n = 0; n < 12; n++) {
                String line = variant(fill(template.row().get(2), random), random);
                if (template.pattern().matcher(line).matches()) {
                    matched++;
                    assertThat(template.couldMatch(line))
                            .as("%s turned away %s", template.row().get(2), line).isTrue();
                }
            }
        }
        // Most fillings match their template: the check above is not vacuous.
        assertThat(matched).isGreaterThan(QuoteHeaders.TEMPLATES.size() * 6);
    }

    @Test
    void noCorpusLineTheRegexMatchesIsTurnedAway() {
        List<String> texts = CorpusTexts.of(StandardCharsets.UTF_8, 200_000, "reply-forward", "cjk");
        // Every template's regex on every line costs minutes of CPU: the texts are shared out over the cores.
        int matched = texts.parallelStream().mapToInt(QuoteHeadersFilterTest::checkEveryTemplate).sum();
        if (!texts.isEmpty()) {
            assertThat(matched).isGreaterThan(50);
        }
    }

    /** How many (template, text) pairs the regex accepted; fails on the first the filter would have turned away. */
    private static int checkEveryTemplate(String text) {
        int matched = 0;
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            StringBuilder joined = new StringBuilder();
            for (int n = 0; n < 3 && i + n < lines.size() && joined.length() <= 200; n++) {
                joined.append(n == 0 ? "" : " ").append(lines.get(i + n).strip());
                String t = joined.toString().strip();
                // The templates match() would try on this text.
                for (QuoteHeaders.Template template : QuoteHeaders.candidates(t)) {
                    if (template.pattern().matcher(t).matches()) {
                        matched++;
                        assertThat(template.couldMatch(t))
                                .as("%s turned away %s", template.row().get(2), t).isTrue();
                    }
                }
            }
        }
        return matched;
    }

    @Test
    void theFilterTurnsAwayOrdinaryLines() {
        QuoteHeaders.Template wrote = QuoteHeaders.TEMPLATES.stream()
                .filter(t -> t.row().get(2).equals("On {date}, {sender} wrote:")).findFirst().orElseThrow();
        String line = "On Monday we spoke about the order, and John said it would ship: wrote it down";
        assertThat(wrote.couldMatch(line)).isFalse();
        String attribution = "> ON Mon, 3 Jan 2022, John Smith <john@acme.com>   WROTE：**";
        assertThat(wrote.couldMatch(attribution)).isTrue();
        assertThat(wrote.pattern().matcher(attribution).matches()).isTrue();
    }

    private static String fill(String template, Random random) {
        return template.replace("{sender}", pick(SENDERS, random)).replace("{name}", pick(SENDERS, random))
                .replace("{address}", "li.na@example.cn").replace("{date}", pick(DATES, random))
                .replace("{time}", pick(TIMES, random)).replace("{isodate}", "2024-03-05");
    }

    private static String variant(String line, Random random) {
        String out = switch (random.nextInt(4)) {
            case 0 -> line.toUpperCase(Locale.ROOT);
            case 1 -> line.toLowerCase(Locale.ROOT);
            default -> line;
        };
        if (random.nextBoolean()) {
            out = out.replace(" ", random.nextBoolean() ? "  " : "\t ");
        }
        if (random.nextBoolean()) {
            out = out.replace(":", "：");
        }
        if (random.nextInt(3) == 0) {
            out = "> " + out;
        }
        if (random.nextInt(3) == 0) {
            out = "*" + out + "*";
        }
        return out;
    }

    private static String pick(String[] values, Random random) {
        return values[random.nextInt(values.length)];
    }
}
