package io.genjin.classifier.accuracy;

import io.genjin.classifier.reply.ForwardParser;
import io.genjin.classifier.reply.Forwarded;
import io.genjin.classifier.reply.Mailbox;
import io.genjin.classifier.reply.MarkerTables;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * crisp email-forward-parser fixtures: the forwarded flag everywhere, and every field whose expected
 * value the upstream tests pin to the shared constants (the common test and "with message" variant).
 */
final class ForwardBench {

    private static final Set<String> FULLY_PINNED = Set.of("testCommon", "testVariant2");

    private static final Pattern NAMED = Pattern.compile("^(.+?)_([a-z]{2}(?:_br)?)_(?:body|subject)");

    private final ForwardParser parser = new ForwardParser();
    private List<Ratio> current = List.of();
    final List<String> misses = new ArrayList<>();

    List<Figure> run(Path corpora) {
        Path root = corpora.resolve("reply-forward/crisp-email-forward-parser");
        Path labels = root.resolve("expected.json");
        if (!Files.exists(labels)) {
            return List.of();
        }
        JsonNode expected = CorpusFiles.json(labels);
        JsonNode c = expected.path("_constants_expected_unless_noted");
        Ratio flag = new Ratio();
        Ratio fields = new Ratio();
        Map<String, Ratio> byFamily = new TreeMap<>();
        Map<String, Ratio> byClient = new TreeMap<>();
        for (String name : new TreeSet<>(expected.path("fixtures").propertyNames())) {
            Path file = root.resolve("test/fixtures").resolve(name);
            if (!Files.exists(file)) {
                continue;
            }
            for (JsonNode test : expected.path("fixtures").get(name).values()) {
                // With a paired subject file the whole message is read, and its subject takes part.
                String subjectFile = test.path("subject_fixture").asString("");
                String subject = subjectFile.isEmpty() || !Files.exists(root.resolve("test/fixtures").resolve(subjectFile)) ? ""
                        : CorpusFiles.text(root.resolve("test/fixtures").resolve(subjectFile)).strip();
                Optional<Forwarded> parsed = parser.parse(CorpusFiles.text(file), subject);
                boolean forwarded = test.path("forwarded").asBoolean();
                flag.add(forwarded == parsed.isPresent());
                // The fixture names carry client and locale ("outlook_2019_pt_br_body.txt"); detection and every pinned field count.
                Matcher named = NAMED.matcher(name);
                Ratio family = byFamily.computeIfAbsent(named.find()
                        ? MarkerTables.get().family(named.group(2).replace("_br", "-BR")) : "unknown", k -> new Ratio());
                Ratio client = byClient.computeIfAbsent(named.find(0) ? named.group(1) : "unknown", k -> new Ratio());
                family.add(forwarded == parsed.isPresent());
                client.add(forwarded == parsed.isPresent());
                current = List.of(family, client);
                if (forwarded != parsed.isPresent()) {
                    misses.add("forward flag " + name + " expected=" + forwarded);
                }
                String t = test.path("test").asString();
                if (!forwarded || !FULLY_PINNED.contains(t) || test.path("subject_fixture").asString("").length() > 0) {
                    continue;
                }
                Forwarded f = parsed.orElse(new Forwarded("", "", List.of(), List.of(), "", "", "", ""));
                field(fields, name, "subject", c.path("SUBJECT").asString(), f.subject());
                field(fields, name, "body", c.path("BODY").asString(), f.body().replace("\r", ""));
                field(fields, name, "fromName", c.path("FROM_NAME").asString(), f.fromName());
                field(fields, name, "fromAddress", c.path("FROM_ADDRESS").asString(), f.fromAddress());
                field(fields, name, "message", t.equals("testVariant2") ? c.path("MESSAGE").asString() : "", f.message());
                if (!name.startsWith("outlook_2019")) {
                    field(fields, name, "to[0]", c.path("TO_ADDRESS_1").asString(), f.to().isEmpty() ? "" : f.to().get(0).address());
                    field(fields, name, "cc", c.path("CC_NAME_1").asString() + " <" + c.path("CC_ADDRESS_1").asString() + ">, "
                            + c.path("CC_NAME_2").asString() + " <" + c.path("CC_ADDRESS_2").asString() + ">", render(f.cc()));
                }
            }
        }
        List<Figure> figures = new ArrayList<>(List.of(
                Figure.of("forwarded detected", "crisp-forward", flag.value(), flag.trials),
                Figure.of("forward fields", "crisp-forward", fields.value(), fields.trials).withGoal(0.98)));
        byFamily.forEach((f, r) -> figures.add(Figure.of("forward det+fields", "family " + f, r.value(), r.trials)));
        byClient.forEach((cl, r) -> figures.add(Figure.of("forward det+fields", "client " + cl, r.value(), r.trials)));
        return figures;
    }

    private static String render(List<Mailbox> list) {
        return String.join(", ", list.stream().map(m -> m.name() + " <" + m.address() + ">").toList());
    }

    private void field(Ratio ratio, String name, String field, String want, String got) {
        boolean ok = want.strip().equals(got.strip());
        ratio.add(ok);
        current.forEach(r -> r.add(ok));
        if (!ok) {
            misses.add("forward " + field + " " + name + " want=[" + want + "] got=[" + got + "]");
        }
    }
}
