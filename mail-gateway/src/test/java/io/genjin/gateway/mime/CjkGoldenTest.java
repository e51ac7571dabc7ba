package io.genjin.gateway.mime;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.gateway.mime.ParsedMail.Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** CJK and other legacy charsets: mnako/letters, Kopano's charset edge cases and Discourse's Big5 mail. */
class CjkGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void lettersDecodeExactly() throws Exception {
        Path dir = Corpora.require("cjk/letters");
        JsonNode expected = JSON.readTree(dir.resolve("expected.json"));
        Score score = new Score("cjk/letters");
        for (Map.Entry<String, JsonNode> e : expected.properties()) {
            if (e.getKey().startsWith("_") || !Files.exists(dir.resolve(e.getKey()))) {
                continue;
            }
            String name = e.getKey().replace("tests/test_", "");
            JsonNode x = e.getValue();
            ParsedMail m = Corpora.parse(dir.resolve(e.getKey()));
            if (x.has("subject")) {
                score.count("subject", x.get("subject").asString().equals(m.subject()), name + " [" + m.subject() + "]");
            }
            for (String field : List.of("from", "to", "cc", "replyto")) {
                if (x.has(field)) {
                    List<Address> actual = switch (field) {
                        case "from" -> m.from();
                        case "to" -> m.to();
                        case "cc" -> m.cc();
                        default -> m.replyTo();
                    };
                    score.count("names+addresses", addresses(x.get(field)).equals(render(actual)),
                            name + " " + field + " " + render(actual));
                }
            }
            if (x.has("text") && !x.get("text").isNull()) {
                score.count("text", lines(x.get("text").asString()).equals(lines(m.text())), name);
            }
            if (x.has("html") && !x.get("html").isNull()) {
                score.count("html", lines(x.get("html").asString()).equals(lines(m.html())), name);
            }
            if (x.has("part_names")) {
                List<String> names = new ArrayList<>();
                x.get("part_names").forEach(n -> names.add(n.asString()));
                List<String> mine = m.attachments().stream().map(ParsedMail.Attachment::name).filter(Objects::nonNull)
                        .sorted().toList();
                // letters lists both names of a part (Content-Disposition filename and Content-Type name);
                // we keep one per part (the filename, as RFC 2183 prefers), so every one of ours must be listed.
                score.count("part names", names.containsAll(mine) && mine.size() * 2 >= names.size() - 1,
                        name + " " + mine);
            }
        }
        score.print();
        assertThat(score.ratio("subject")).isGreaterThanOrEqualTo(0.97);
        assertThat(score.ratio("names+addresses")).isGreaterThanOrEqualTo(0.97);
        assertThat(score.ratio("text")).isGreaterThanOrEqualTo(0.97);
        assertThat(score.ratio("html")).isGreaterThanOrEqualTo(0.97);
        assertThat(score.ratio("part names")).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void kopanoAndDiscourseCharsetCasesDecode() throws Exception {
        Path kopano = Corpora.require("cjk/kopano-inetmapi");
        Path mails = kopano.resolve("inetmapi/tests/mails");
        Score score = new Score("cjk/kopano + discourse");
        JsonNode labels = JSON.readTree(kopano.resolve("expected.json")).get("labels");
        for (Map.Entry<String, JsonNode> e : labels.properties()) {
            Path file = mails.resolve(e.getKey());
            if (!Files.exists(file)) {
                continue;
            }
            ParsedMail m = Corpora.parse(file);
            JsonNode x = e.getValue();
            // An HTML-only message's text is what the HTML shows (the classifier does this properly with Jsoup).
            String body = m.text() != null ? m.text() : Objects.toString(m.html(), "").replaceAll("(?s)<head.*?</head>|<[^>]*>", "");
            String subjectKey = x.has("subject_ideal") ? "subject_ideal" : "subject";
            if (x.has(subjectKey)) {
                score.count("subject", x.get(subjectKey).asString().equals(m.subject()), e.getKey() + " [" + m.subject() + "]");
            }
            for (String key : List.of("from_name", "to_name")) {
                String k = x.has(key + "_ideal") ? key + "_ideal" : key;
                if (x.has(k)) {
                    List<Address> list = key.startsWith("from") ? m.from() : m.to();
                    String actual = list.isEmpty() ? null : list.get(0).name();
                    score.count("names", x.get(k).asString().equals(actual), e.getKey() + " " + key + " [" + actual + "]");
                }
            }
            if (x.has("body")) {
                score.count("body", x.get("body").asString().strip().equals(body.strip()), e.getKey() + " [" + body + "]");
            }
            if (x.has("body_contains")) {
                score.count("body contains", body.contains(x.get("body_contains").asString()), e.getKey());
            }
            if (x.has("body_contains_any")) {
                boolean any = false;
                for (JsonNode s : x.get("body_contains_any")) {
                    any |= body.contains(s.asString());
                }
                score.count("body contains", any, e.getKey());
            }
        }
        Path discourse = Corpora.root().resolve("cjk/discourse");
        if (Files.isDirectory(discourse)) {
            JsonNode expected = JSON.readTree(discourse.resolve("expected.json"));
            for (Map.Entry<String, JsonNode> e : expected.properties()) {
                if (e.getKey().startsWith("_")) {
                    continue;
                }
                List<Path> found = Corpora.files(discourse, e.getKey());
                if (found.isEmpty()) {
                    continue;
                }
                ParsedMail m = Corpora.parse(found.get(0));
                score.count("discourse body", e.getValue().get("expected_text_body").asString().strip()
                        .equals(Objects.toString(m.text(), "").strip()), e.getKey() + " [" + m.text() + "]");
            }
        }
        score.print();
        // Kopano's zcp-11699 subjects stop at an encoded U+0000 ("☺ dum"), a C-string artefact; we drop the
        // NUL and keep the rest ("☺ dummy ☻"), so those three stay misses by choice.
        assertThat(score.ratio("subject")).isGreaterThanOrEqualTo(0.39);
        assertThat(score.ratio("names")).isGreaterThanOrEqualTo(0.95);
        assertThat(score.ratio("body")).isGreaterThanOrEqualTo(0.95);
        assertThat(score.ratio("body contains")).isGreaterThanOrEqualTo(0.6);
        assertThat(score.ratio("discourse body")).isGreaterThanOrEqualTo(0.95);
    }

    private static String lines(String s) {
        return s == null ? "" : s.replace("\r\n", "\n").strip();
    }

    private static List<String> addresses(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(a -> out.add(Objects.toString(a.path("name").isString() ? a.get("name").asString() : null) + " <"
                    + (a.path("address").isString() ? a.get("address").asString().toLowerCase() : null) + ">"));
        }
        return out;
    }

    private static List<String> render(List<Address> list) {
        return list.stream().map(a -> Objects.toString(a.name()) + " <" + a.address() + ">").toList();
    }
}
