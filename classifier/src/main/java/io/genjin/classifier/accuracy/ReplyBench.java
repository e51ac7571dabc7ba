package io.genjin.classifier.accuracy;

import io.genjin.classifier.Email;
import io.genjin.classifier.language.LanguageDetector;
import io.genjin.classifier.reply.MarkerTables;
import io.genjin.classifier.reply.Reply;
import io.genjin.classifier.reply.ReplyStripper;
import io.genjin.classifier.text.HtmlText;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reply-strip exact match, each corpus on its own terms: Discourse's trimmed text (no signature),
 * talon's quote-only removal (signature kept), the first fragment of crisp and willdurand.
 */
final class ReplyBench {

    private final ReplyStripper stripper = new ReplyStripper();
    final List<String> misses = new ArrayList<>();
    final Ratio all = new Ratio();
    final Ratio signatures = new Ratio();
    private final LanguageDetector languages = new LanguageDetector();
    private final Map<String, Ratio> byFamily = new TreeMap<>();
    private final Map<String, Ratio> byClient = new TreeMap<>();

    List<Figure> run(Path corpora) {
        Path root = corpora.resolve("reply-forward");
        List<Figure> figures = new ArrayList<>();
        add(figures, "discourse", discourse(root.resolve("discourse-email_reply_trimmer/test")));
        add(figures, "talon", talon(root.resolve("talon")));
        add(figures, "crisp-reply", crisp(root.resolve("crisp-email-reply-parser")));
        add(figures, "willdurand", willdurand(root.resolve("willdurand-EmailReplyParser")));
        if (all.trials > 0) {
            figures.add(Figure.of("reply-strip exact", "all reply sets", all.value(), all.trials).withGoal(0.95));
        }
        if (signatures.trials > 0) {
            figures.add(Figure.of("signature exact (sender known)", "talon", signatures.value(), signatures.trials));
        }
        byFamily.forEach((family, r) -> figures.add(Figure.of("reply-strip exact", "family " + family, r.value(), r.trials)));
        byClient.forEach((client, r) -> figures.add(Figure.of("reply-strip exact", "client " + client, r.value(), r.trials)));
        return figures;
    }

    private void add(List<Figure> figures, String corpus, Ratio ratio) {
        if (ratio.trials > 0) {
            figures.add(Figure.of("reply-strip exact", corpus, ratio.value(), ratio.trials));
            all.hits += ratio.hits;
            all.trials += ratio.trials;
        }
    }

    private Ratio discourse(Path root) {
        Ratio ratio = new Ratio();
        for (Path email : BounceBench.list(root.resolve("emails"))) {
            Path trimmed = root.resolve("trimmed").resolve(email.getFileName());
            if (Files.exists(trimmed)) {
                check(ratio, "discourse " + email.getFileName(), CorpusFiles.text(trimmed).strip(),
                        stripper.strip(CorpusFiles.text(email)).text().strip(), CorpusFiles.text(email));
            }
        }
        return ratio;
    }

    private Ratio talon(Path root) {
        Ratio ratio = new Ratio();
        Path labels = root.resolve("expected.json");
        if (!Files.exists(labels)) {
            return ratio;
        }
        JsonNode expected = CorpusFiles.json(labels);
        for (Map.Entry<String, JsonNode> entry : expected.path("standard_replies").properties()) {
            Path file = root.resolve("tests/fixtures/standard_replies").resolve(entry.getKey());
            if (Files.exists(file)) {
                Email email = Email.fromEml(CorpusFiles.bytes(file));
                String text = email.text().isBlank() ? HtmlText.toText(email.html()) : email.text();
                check(ratio, "talon " + entry.getKey(), entry.getValue().asString().strip(),
                        stripper.strip(text).textWithSignature().strip(), text);
            }
        }
        for (Map.Entry<String, JsonNode> entry : expected.path("signature_stripped").properties()) {
            Path body = root.resolve("tests/fixtures/signature/emails/stripped").resolve(entry.getKey());
            if (Files.exists(body)) {
                String sender = entry.getValue().path("sender").asString();
                String want = entry.getValue().path("expected_signature").asString().strip();
                String got = stripper.strip(CorpusFiles.text(body), sender).signature().text().strip();
                signatures.add(want.equals(got));
                if (!want.equals(got)) {
                    misses.add("signature talon " + entry.getKey() + "\n--- want:\n" + want + "\n--- got:\n" + got);
                }
            }
        }
        for (Map.Entry<String, JsonNode> entry : expected.path("html_replies").properties()) {
            Path file = root.resolve("tests/fixtures/html_replies").resolve(entry.getKey());
            if (Files.exists(file)) {
                String want = entry.getValue().path("expected_reply_text").asString().replaceAll("\\s", "");
                Reply reply = stripper.strip(HtmlText.toText(CorpusFiles.text(file)));
                check(ratio, "talon " + entry.getKey(), want, reply.textWithSignature().replaceAll("\\s", ""),
                        HtmlText.toText(CorpusFiles.text(file)));
            }
        }
        return ratio;
    }

    private Ratio crisp(Path root) {
        return firstFragments(root, "test/fixtures", "crisp-reply", fixture -> {
            List<String> wants = new ArrayList<>();
            for (JsonNode test : fixture.values()) {
                Stream.of("expected_first_fragment", "expected_first_fragment_raw", "expected_visible_text")
                        .filter(test::has).findFirst().map(field -> test.path(field).asString()).ifPresent(wants::add);
            }
            return wants;
        });
    }

    private Ratio willdurand(Path root) {
        return firstFragments(root, "tests/Fixtures", "willdurand",
                fixture -> List.of(fixture.path("expected_first_fragment").asString()));
    }

    /**
     * The crisp and willdurand sets share a layout: {@code expected.json} maps each fixture file to its
     * expected first fragments, where "COMMON_FIRST_FRAGMENT" names a text given once at the top.
     */
    private Ratio firstFragments(Path root, String fixtures, String set, Function<JsonNode, List<String>> wantsOf) {
        Ratio ratio = new Ratio();
        Path labels = root.resolve("expected.json");
        if (!Files.exists(labels)) {
            return ratio;
        }
        JsonNode expected = CorpusFiles.json(labels);
        String common = expected.path("COMMON_FIRST_FRAGMENT").asString();
        for (String name : new TreeSet<>(expected.path("fixtures").propertyNames())) {
            Path file = root.resolve(fixtures).resolve(name);
            if (!Files.exists(file)) {
                continue;
            }
            for (String want : wantsOf.apply(expected.path("fixtures").get(name))) {
                check(ratio, set + " " + name, loose(want.equals("COMMON_FIRST_FRAGMENT") ? common : want),
                        loose(stripper.strip(CorpusFiles.text(file)).text()), CorpusFiles.text(file));
            }
        }
        return ratio;
    }

    /* The crisp and willdurand labels were lifted from JS/PHP string literals: compare modulo whitespace. */
    private static String loose(String text) {
        return text.replace("\\n", "\n").replaceAll("\\s+", " ").strip();
    }

    /** Also counts the trial under the body's language family and the client whose marker was stripped. */
    private void check(Ratio ratio, String name, String want, String got, String body) {
        boolean hit = want.equals(got);
        String family = MarkerTables.get().family(languages.detect(body));
        byFamily.computeIfAbsent(family, k -> new Ratio()).add(hit);
        byClient.computeIfAbsent(ReplyStripper.markerClient(stripper.strip(body).quoted()), k -> new Ratio()).add(hit);
        check(ratio, name, want, got);
    }

    private void check(Ratio ratio, String name, String want, String got) {
        ratio.add(want.equals(got));
        if (!want.equals(got)) {
            misses.add("reply " + name + "\n--- want:\n" + want + "\n--- got:\n" + got);
        }
    }
}
