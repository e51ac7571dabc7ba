package io.genjin.classifier.reply;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.classifier.CorpusTexts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The checks that run on every line skip a regex when a cheap look at the line says it cannot match: the
 * attribution opening ({@link ReplyMarkers#startsLikeAttribution}), the separator and rule lines
 * ({@link ReplyMarkers#rules}), a forward's intro line ({@link ReplyMarkers#FORWARD_WORD}) and a
 * signature's contact lines ({@link SignatureReader#isContactLine}). A
 * skip must never change an answer: checked on every opening word in the ways clients print it, on
 * lines made for each check, and on every line of the corpora.
 */
class LinePreChecksTest {
    @Test
    void everyOpeningWordAsPrintedIsStillFound() {
        int found = 0;
        for (String word : QuoteHeaders.LEAD_WORDS) {
            for (String line : printed(word + " Mon, 3 Jan 2022, John <j@acme.com> wrote:")) {
                assertSame(line);
                found += ReplyMarkers.startsLikeAttribution(line) ? 1 : 0;
            }
        }
        // Every word, every way it is printed, opens an attribution: the check above is not vacuous.
        assertThat(found).isGreaterThan(QuoteHeaders.LEAD_WORDS.size() * 4);
    }

    @Test
    void linesThatOpenWithNoneAreTurnedAwayAsTheRegexWould() {
        for (String line : List.of("", "   ", "> > *", "Thanks for the quotation.", "Please find attached",
                "ſo", "\u212Aelvin", "Ön", "İstanbul", "12 pcs", "- 3 cartons", "** Bold **", "　全角", "😀 ok")) {
            assertSame(line);
        }
        assertThat(ReplyMarkers.startsLikeAttribution("Thanks for the quotation.")).isFalse();
        assertThat(ReplyMarkers.startsLikeAttribution("> 12 pcs")).isTrue();
    }

    @Test
    void separatorsAndRulesAreStillFound() {
        for (String line : List.of("-----Original Message-----", "---------- Forwarded message ---------",
                "> ________________________________", "- - - - -", "=====", "__ __ _", "-- ", "a-b-c-d-e",
                "_ _ _ _ _", "*-----Ursprüngliche Nachricht-----*", "-- Forwarded message --", "Price: 12-15 USD")) {
            assertRulesSame(line);
        }
        assertThat(ReplyMarkers.RULE_LINE.matcher("- - - - -").matches()).isTrue();
        assertThat(ReplyMarkers.SEPARATOR.matcher("-----Original Message-----").matches()).isTrue();
        assertThat(ReplyMarkers.SEPARATOR.matcher("-- Forwarded message --").matches()).isTrue();
    }

    @Test
    void contactLinesAreFoundAsTheRegexFindsThem() {
        for (String line : List.of("Tel: +86 574 8888 1234", "T +49 (0)40 123456-7", "Mob. 13800138000", "手机：13800138000",
                "anna.li@ningbo-bright.cn", "WWW.ACME-TRADING.DE", "HTTPS://acme.com/contact", "Visit hTtP://x.io",
                "Sales Manager", "Ningbo Bright Lighting Co., Ltd.", "Best regards,", "Tel: see above", "room ４０２", "")) {
            assertContactSame(line);
        }
        assertThat(SignatureReader.isContactLine("Tel: +86 574 8888 1234")).isTrue();
        assertThat(SignatureReader.isContactLine("WWW.ACME-TRADING.DE")).isTrue();
        assertThat(SignatureReader.isContactLine("Sales Manager")).isFalse();
    }

    @Test
    void everyCorpusLineGetsTheRegexAnswer() {
        int lines = 0;
        int attributions = 0;
        int separators = 0;
        int contacts = 0;
        int intros = 0;
        for (String text : CorpusTexts.of(StandardCharsets.UTF_8, 200_000, "reply-forward", "cjk", "sisimai")) {
            for (String line : text.lines().toList()) {
                lines++;
                attributions += assertSame(line) ? 1 : 0;
                separators += assertRulesSame(line) ? 1 : 0;
                contacts += assertContactSame(line) ? 1 : 0;
                intros += assertIntroSame(line) ? 1 : 0;
            }
        }
        if (lines > 0) {
            assertThat(attributions).isGreaterThan(100);
            assertThat(separators).isGreaterThan(20);
            assertThat(contacts).isGreaterThan(100);
            assertThat(intros).isGreaterThan(5);
        }
    }

    @Test
    void forwardIntrosAreFoundAsTheRegexFindsThem() {
        for (String line : List.of("Begin forwarded message:", "---------- Forwarded message ---------", "转发的邮件：",
                "Weitergeleitete Nachricht:", "Hi Anna:", "Please see below:", "FWD:", "")) {
            assertIntroSame(line);
        }
        assertThat(ReplyMarkers.FORWARD_INTRO.matcher("Begin forwarded message:").matches()).isTrue();
    }

    /** FORWARD_INTRO matches only a line in which FORWARD_WORD finds a word. */
    private static boolean assertIntroSame(String line) {
        boolean intro = ReplyMarkers.FORWARD_INTRO.matcher(line).matches();
        if (intro) {
            assertThat(ReplyMarkers.FORWARD_WORD.foundIn(line)).as("forward intro %s", line).isTrue();
        }
        return intro;
    }

    private static boolean assertContactSame(String line) {
        boolean regex = SignatureReader.CONTACT_LINE.matcher(line).find();
        assertThat(SignatureReader.isContactLine(line)).as("contact line %s", line).isEqualTo(regex);
        return regex;
    }

    private static boolean assertSame(String line) {
        boolean regex = ReplyMarkers.STARTS_LIKE_ATTRIBUTION.matcher(line).lookingAt();
        assertThat(ReplyMarkers.startsLikeAttribution(line)).as("opening of %s", line).isEqualTo(regex);
        return regex;
    }

    /** A line either regex matches passes the pre-check; true when one matched. */
    private static boolean assertRulesSame(String line) {
        int rules = ReplyMarkers.rules(line);
        boolean separator = ReplyMarkers.SEPARATOR.matcher(line).matches();
        boolean rule = ReplyMarkers.RULE_LINE.matcher(line).matches();
        if (separator) {
            assertThat(rules).as("separator %s", line).isNegative();
        }
        if (rule) {
            assertThat(Math.abs(rules)).as("rule %s", line).isGreaterThanOrEqualTo(5);
        }
        return separator || rule;
    }

    private static List<String> printed(String attribution) {
        return List.of(attribution, attribution.toUpperCase(Locale.ROOT), capitalised(attribution), "> " + attribution,
                ">> *" + capitalised(attribution), "\t- " + attribution, "  " + attribution.toUpperCase(Locale.ROOT));
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

}
