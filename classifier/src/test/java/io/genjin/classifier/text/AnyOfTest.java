package io.genjin.classifier.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.classifier.Email;
import io.genjin.classifier.mime.EmlReader;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AnyOfTest {

    @Test
    void aMatchMustBeginWithOneOfTheLiteralsReadFromTheSource() {
        assertThat(AnyOf.starts("(please )?do not (directly )?reply")).containsExactly("please ", "do not ");
        assertThat(AnyOf.starts("\\bunsubscribe\\b")).containsExactly("unsubscribe");
        assertThat(AnyOf.starts("price ?list")).containsExactly("price");
        assertThat(AnyOf.starts("e-?mail")).containsExactly("e");
        assertThat(AnyOf.starts("(?:attached|here(?: is|'s)).{0,80}quote")).containsExactly("attached", "here");
        assertThat(AnyOf.starts("(?<!\\p{Ll})cc:")).containsExactly("cc:");
        assertThat(AnyOf.starts("\\Qre:\\E\\s")).containsExactly("re:");
        assertThat(AnyOf.starts("a+b")).containsExactly("a");
        assertThat(AnyOf.starts("x{0,3}y")).isNull();
        assertThat(AnyOf.starts("[abc]x")).isNull();
        assertThat(AnyOf.starts("\\d+ days")).isNull();
        assertThat(AnyOf.starts("(?i:out) of office")).isNull();
        assertThat(AnyOf.starts("(a?)b")).isNull();
    }

    @Test
    void onlyWhatSplittingKeepsTheSameIsSplit() {
        assertThat(AnyOf.separable("(a)b|\\1")).isFalse();
        assertThat(AnyOf.separable("a|(?i)b")).isFalse();
        assertThat(AnyOf.separable("a|(?i:b)|(?<name>c)|(?<=d)e")).isTrue();
        assertThat(AnyOf.branches("a|(b|c)|[|]|\\||\\Q|\\E")).containsExactly("a", "(b|c)", "[|]", "\\|", "\\Q|\\E");
        assertThat(AnyOf.compile("(a)b|\\1", 0).literalLed()).containsExactly(0, 1);
        assertThat(AnyOf.compile("do not reply|\\bunsubscribe\\b|[0-9]+ days", 0).literalLed()).containsExactly(2, 3);
    }

    @Test
    void aBadRegexIsRefusedAsPatternRefusesIt() {
        assertThatThrownBy(() -> AnyOf.compile("(unclosed|x", 0)).isInstanceOf(PatternSyntaxException.class);
    }

    @Test
    void caseInsensitiveFoldsAsciiLettersOnlyAsTheEngineDoes() {
        AnyOf undeliverable = AnyOf.compile("undeliver|nicht zustellbar|ÄRGER", Pattern.CASE_INSENSITIVE);
        assertThat(undeliverable.foundIn("Mail UNDELIVERABLE: returned")).isTrue();
        assertThat(undeliverable.foundIn("Nicht Zustellbar")).isTrue();
        // without UNICODE_CASE the engine compares non-ASCII letters exactly
        assertThat(undeliverable.foundIn("ärger")).isEqualTo(Pattern.compile("ÄRGER", Pattern.CASE_INSENSITIVE).matcher("ärger").find());
        assertThat(AnyOf.compile("(?i)postmaster|mailer[-_ ]?daemon", 0).foundIn("MAILER-DAEMON@example.org")).isTrue();
    }

    @Test
    void wordBoundariesAndLookBehindsSeeTheTextBeforeTheCandidate() {
        AnyOf words = AnyOf.compile("\\booo\\b|(?<![a-z])pi\\b", 0);
        assertThat(words.foundIn("re: ooo until monday")).isTrue();
        assertThat(words.foundIn("cooo")).isFalse();
        assertThat(words.foundIn("api docs")).isFalse();
        assertThat(words.foundIn("the pi is attached")).isTrue();
        AnyOf start = AnyOf.compile("^auto:|x", Pattern.MULTILINE);
        assertThat(start.foundIn("re: auto: away")).isFalse();
        assertThat(start.foundIn("line\nauto: away")).isTrue();
    }

    /**
     * Every AnyOf the classifier holds answers as its plain pattern does, on every corpus message (text
     * as read and lower-cased, subject, sender) and on generated texts that put each literal a match
     * begins with in varied surroundings.
     */
    @Test
    void everyWordingTheClassifierHoldsAnswersAsItsPatternOnTheCorporaAndGeneratedText() throws Exception {
        Map<String, AnyOf> all = classifierWordings();
        assertThat(all).hasSizeGreaterThan(10);
        List<String> texts = corpusTexts();
        Random random = new Random(17);
        List<String> generated = new ArrayList<>();
        for (AnyOf any : all.values()) {
            for (String branch : AnyOf.branches(any.regex().startsWith("(?i)") ? any.regex().substring(4) : any.regex())) {
                Set<String> starts = AnyOf.starts(branch);
                if (starts == null) {
                    continue;
                }
                for (String start : starts) {
                    String filler = texts.isEmpty() ? "lorem ipsum dolor" : texts.get(random.nextInt(texts.size()));
                    int at = filler.isEmpty() ? 0 : random.nextInt(Math.min(filler.length(), 400));
                    String before = random.nextBoolean() ? " " : random.nextBoolean() ? "x" : "";
                    String literal = random.nextBoolean() ? start : start.toUpperCase(Locale.ROOT);
                    generated.add(filler.substring(0, at) + before + literal + filler.substring(at, Math.min(filler.length(), at + 200)));
                    generated.add(literal);
                    generated.add(before + literal + " " + literal.substring(0, literal.length() / 2));
                }
            }
        }
        int compared = 0;
        int found = 0;
        for (Map.Entry<String, AnyOf> e : all.entrySet()) {
            Pattern plain = Pattern.compile(e.getValue().regex(), e.getValue().flags());
            for (List<String> set : List.of(texts, generated)) {
                for (String t : set) {
                    boolean expected = plain.matcher(t).find();
                    assertThat(e.getValue().foundIn(t)).as("%s on %s", e.getKey(), t.length() > 200 ? t.substring(0, 200) : t)
                            .isEqualTo(expected);
                    compared++;
                    found += expected ? 1 : 0;
                }
            }
        }
        System.out.printf("AnyOf: %d wordings, %d answers compared with the plain pattern (%d found), all equal%n",
                all.size(), compared, found);
        assertThat(found).isGreaterThan(compared / 50);
    }

    /** The static AnyOf fields of the classifier's classes, and those held in their static lists of records. */
    private static Map<String, AnyOf> classifierWordings() throws Exception {
        Path classes = Path.of(AnyOf.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, AnyOf> found = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        for (Path file : files) {
            String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> type = Class.forName(name, true, AnyOfTest.class.getClassLoader());
            for (Field f : type.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                Object value = f.get(null);
                if (value instanceof AnyOf any) {
                    found.put(type.getSimpleName() + "." + f.getName(), any);
                } else if (value instanceof List<?> list) {
                    int i = 0;
                    for (Object item : list) {
                        if (item instanceof Record r) {
                            for (RecordComponent c : r.getClass().getRecordComponents()) {
                                c.getAccessor().setAccessible(true);
                                if (c.getAccessor().invoke(r) instanceof AnyOf any) {
                                    found.put(type.getSimpleName() + "." + f.getName() + "[" + i + "]", any);
                                }
                            }
                        }
                        i++;
                    }
                }
            }
        }
        return found;
    }

    private static List<String> corpusTexts() throws IOException {
        Path corpora = Path.of("../../shared/corpora");
        List<String> texts = new ArrayList<>();
        if (!Files.isDirectory(corpora)) {
            return texts;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpora)) {
            files = walk.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
        for (Path p : files) {
            Email e = EmlReader.read(Files.readAllBytes(p));
            String text = !e.text().isBlank() ? e.text() : HtmlText.toText(e.html());
            String head = text.length() > 6_000 ? text.substring(0, 6_000) : text;
            texts.add(head);
            texts.add(head.toLowerCase(Locale.ROOT));
            texts.add(e.subject());
            texts.add(e.from());
        }
        return texts;
    }
}
