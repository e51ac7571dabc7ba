package io.genjin.classifier.accuracy;

import io.genjin.classifier.reply.ForwardParser;
import io.genjin.classifier.reply.Forwarded;
import io.genjin.classifier.reply.Mailbox;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * crisp email-forward-parser fixtures: the forwarded flag everywhere, and every field whose expected
 * value the upstream tests pin to the shared constants (the common test and "with message" variant).
 */
final class ForwardBench {

    private static final Set<String> FULLY_PINNED = Set.of("testCommon", "testVariant2");

    private final ForwardParser parser = new ForwardParser();
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
        return List.of(
                Figure.of("forwarded detected", "crisp-forward", flag.value(), flag.trials),
                Figure.of("forward fields", "crisp-forward", fields.value(), fields.trials).withGoal(0.98));
    }

    private static String render(List<Mailbox> list) {
        return String.join(", ", list.stream().map(m -> m.name() + " <" + m.address() + ">").toList());
    }

    private void field(Ratio ratio, String name, String field, String want, String got) {
        boolean ok = want.strip().equals(got.strip());
        ratio.add(ok);
        if (!ok) {
            misses.add("forward " + field + " " + name + " want=[" + want + "] got=[" + got + "]");
        }
    }
}
