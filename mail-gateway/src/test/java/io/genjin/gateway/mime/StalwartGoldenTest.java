package io.genjin.gateway.mime;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.gateway.mime.ParsedMail.Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Stalwart mail-parser's expected parse trees (107 messages from many MUAs, Dovecot's malformed set
 * and RFC examples): leaf parts, bodies per RFC 8621 §4.1.4, attachment names, Subject, From, To.
 */
class StalwartGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void parseTreesMatchStalwartsExpectations() throws Exception {
        Path dir = Corpora.require("mime-torture/stalwart-mail-parser/resources/eml");
        Score score = new Score("Stalwart parse trees");
        for (Path eml : Corpora.files(dir, ".eml")) {
            Path expectedFile = eml.resolveSibling(eml.getFileName().toString().replace(".eml", ".json"));
            if (!Files.exists(expectedFile)) {
                continue;
            }
            String name = dir.relativize(eml).toString();
            JsonNode expected = JSON.readTree(expectedFile);
            ParsedMail actual = Corpora.parse(eml);
            JsonNode root = expected.get("parts").get(0);

            List<String> kinds = new ArrayList<>();
            leafKinds(expected, 0, kinds);
            List<String> mine = actual.partTypes().stream().map(StalwartGoldenTest::kindOf).toList();
            score.count("leaf parts", kinds.equals(mine), name + " " + kinds + " vs " + mine);

            score.count("text body", Corpora.normalizeSpace(body(expected, "text_body", "Text"))
                    .equals(Corpora.normalizeSpace(actual.text())), name);
            score.count("html body", Corpora.normalizeSpace(body(expected, "html_body", "Html"))
                    .equals(Corpora.normalizeSpace(actual.html())), name);

            List<String> names = new ArrayList<>();
            for (JsonNode i : expected.get("attachments")) {
                String n = attachmentName(expected.get("parts").get(i.asInt()));
                if (n != null) {
                    names.add(n);
                }
            }
            List<String> myNames = actual.attachments().stream().map(ParsedMail.Attachment::name)
                    .filter(n -> n != null && !n.endsWith(".eml") || n != null && names.contains(n)).toList();
            score.count("attachment count", expected.get("attachments").size() == actual.attachments().size(), name);
            score.count("attachment names", lossyEquals(names.stream().sorted().toList(), myNames.stream().sorted().toList()),
                    name + " " + names + " vs " + myNames);

            String subject = header(root, "subject");
            if (subject != null) {
                score.count("subject", lossyEquals(subject, actual.subject()), name + " [" + subject + "] vs [" + actual.subject() + "]");
            }
            List<String> from = addresses(root, "from");
            if (from != null) {
                score.count("from", lossyEquals(from, render(actual.from())), name + " " + from + " vs " + render(actual.from()));
            }
            List<String> to = addresses(root, "to");
            if (to != null) {
                score.count("to", lossyEquals(to, render(actual.to())), name + " " + to + " vs " + render(actual.to()));
            }
        }
        score.print();
        // Floors a little under what the parser achieves today: a regression fails, an improvement passes.
        assertThat(score.ratio("leaf parts")).isGreaterThanOrEqualTo(FLOOR_LEAVES);
        assertThat(score.ratio("text body")).isGreaterThanOrEqualTo(FLOOR_TEXT);
        assertThat(score.ratio("html body")).isGreaterThanOrEqualTo(FLOOR_HTML);
        assertThat(score.ratio("attachment names")).isGreaterThanOrEqualTo(FLOOR_NAMES);
        assertThat(score.ratio("subject")).isGreaterThanOrEqualTo(FLOOR_SUBJECT);
        assertThat(score.ratio("from")).isGreaterThanOrEqualTo(FLOOR_FROM);
        assertThat(score.ratio("to")).isGreaterThanOrEqualTo(FLOOR_TO);
    }

    static final double FLOOR_LEAVES = 0.80;
    static final double FLOOR_TEXT = 0.82;
    static final double FLOOR_HTML = 0.95;
    static final double FLOOR_NAMES = 0.97;
    static final double FLOOR_SUBJECT = 0.97;
    static final double FLOOR_FROM = 0.97;
    static final double FLOOR_TO = 0.97;

    /**
     * Stalwart writes U+FFFD where it could not decode undeclared 8-bit header bytes; any one decoded
     * character there counts as agreement (we guess the charset instead of giving up).
     */
    private static boolean lossyEquals(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        String e = expected.toString();
        String a = actual.toString();
        if (!e.contains("\uFFFD")) {
            return e.equals(a);
        }
        StringBuilder regex = new StringBuilder();
        for (String piece : e.split("\uFFFD", -1)) {
            if (regex.length() > 0 || e.startsWith("\uFFFD")) {
                regex.append(".");
            }
            regex.append(java.util.regex.Pattern.quote(piece));
        }
        return a.matches(regex.toString().replaceFirst("^\\.", e.startsWith("\uFFFD") ? "." : ""));
    }

    private static void leafKinds(JsonNode message, int index, List<String> out) {
        JsonNode body = message.get("parts").get(index).get("body");
        String kind = body.propertyNames().iterator().next();
        if (kind.equals("Multipart")) {
            for (JsonNode child : body.get("Multipart")) {
                leafKinds(message, child.asInt(), out);
            }
        } else {
            out.add(switch (kind) {
                case "Text", "Html" -> "TEXT";
                case "Message" -> "MESSAGE";
                default -> "BINARY";
            });
        }
    }

    private static String kindOf(String type) {
        if (type.equals("message/rfc822") || type.equals("message/global")) {
            return "MESSAGE";
        }
        return type.startsWith("text/") ? "TEXT" : "BINARY";
    }

    private static String body(JsonNode message, String list, String kind) {
        StringBuilder out = new StringBuilder();
        for (JsonNode i : message.get(list)) {
            JsonNode b = message.get("parts").get(i.asInt()).get("body");
            if (b.has(kind)) {
                out.append(b.get(kind).asString()).append('\n');
            }
        }
        return out.toString();
    }

    private static JsonNode headerValue(JsonNode part, String name) {
        for (JsonNode h : part.get("headers")) {
            if (h.get("name").isString() && h.get("name").asString().equals(name)) {
                return h.get("value");
            }
        }
        return null;
    }

    private static String header(JsonNode part, String name) {
        JsonNode v = headerValue(part, name);
        return v != null && v.has("Text") ? v.get("Text").asString() : null;
    }

    private static String attachmentName(JsonNode part) {
        for (String header : List.of("content_disposition", "content_type")) {
            JsonNode v = headerValue(part, header);
            if (v != null && v.has("ContentType") && v.get("ContentType").has("attributes")) {
                for (JsonNode a : v.get("ContentType").get("attributes")) {
                    String n = a.get("name").asString();
                    if (n.equals("filename") || n.equals("name")) {
                        return a.get("value").asString();
                    }
                }
            }
        }
        return null;
    }

    private static List<String> addresses(JsonNode part, String name) {
        JsonNode v = headerValue(part, name);
        if (v == null || !v.has("Address")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        JsonNode a = v.get("Address");
        if (a.has("List")) {
            a.get("List").forEach(x -> out.add(render(x)));
        } else if (a.has("Group")) {
            a.get("Group").forEach(g -> g.path("addresses").forEach(x -> out.add(render(x))));
        }
        return out;
    }

    private static String render(JsonNode x) {
        String n = x.path("name").isString() ? x.get("name").asString() : null;
        String addr = x.path("address").isString() ? x.get("address").asString().toLowerCase(Locale.ROOT) : null;
        return Objects.toString(n) + " <" + Objects.toString(addr) + ">";
    }

    private static List<String> render(List<Address> list) {
        return list.stream().map(a -> Objects.toString(a.name()) + " <" + Objects.toString(a.address()) + ">").toList();
    }
}
