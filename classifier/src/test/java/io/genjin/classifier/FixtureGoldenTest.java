package io.genjin.classifier;

import io.genjin.classifier.bounce.FailedRecipient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each {@code fixtures/*.eml} is understood and checked against the {@code .expected} file beside it. */
class FixtureGoldenTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".eml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void understandShouldMatchTheExpectedFileBesideTheFixture(String name) throws IOException {
        Understanding u = SharedUnderstanding.get().understand(Email.fromEml(Files.readAllBytes(FIXTURES.resolve(name))));
        Properties expected = new Properties();
        try (InputStream in = Files.newInputStream(FIXTURES.resolve(name.replace(".eml", ".expected")))) {
            expected.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        for (String key : expected.stringPropertyNames()) {
            assertThat(actual(u, key)).as(name + " " + key).isEqualTo(expected.getProperty(key));
        }
    }

    private static String actual(Understanding u, String key) {
        return switch (key) {
            case "language" -> u.language();
            case "reply" -> u.reply();
            case "quote" -> String.valueOf(u.quote());
            case "intent.label" -> u.intent().label().code();
            case "bounce.isBounce" -> String.valueOf(u.bounce().isBounce());
            case "bounce.kind" -> u.bounce().kind().name().toLowerCase();
            case "bounce.originalMessageId" -> u.bounce().originalMessageId();
            case "bounce.recipients" -> recipients(u.bounce().recipients());
            case "autoReply.isAutoReply" -> String.valueOf(u.autoReply().isAutoReply());
            case "autoReply.returnDate" -> u.autoReply().returnDate().map(Object::toString).orElse("");
            default -> throw new IllegalArgumentException("unknown expected key " + key);
        };
    }

    private static String recipients(List<FailedRecipient> recipients) {
        return recipients.stream()
                .map(r -> r.address() + " " + r.status() + " " + r.replyCode() + " " + r.reason().name().toLowerCase()
                        + " " + (r.hard() ? "hard" : "soft"))
                .collect(Collectors.joining("; "));
    }
}
