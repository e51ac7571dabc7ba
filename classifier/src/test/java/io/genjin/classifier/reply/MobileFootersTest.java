package io.genjin.classifier.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The footer regex is skipped on lines whose first and last chars open and close no footer: that must never
 * turn away a line it matches. Checked on every footer of the table filled in as phones print it, in any
 * case, between spaces and closing marks, on near misses, and on every line of the reply corpora.
 */
class MobileFootersTest {
    private static final Path CORPORA = Path.of("../../shared/corpora");
    private static final String[] DEVICES = {"iPhone", "Samsung Galaxy", "华为手机", "Android", "BlackBerry 10", "Outlook for iOS"};

    @Test
    void theShortcutAnswersAsTheRegexOnFilledFootersAndNearMisses() {
        Random random = new Random(23);
        List<String> lines = new ArrayList<>();
        for (MarkerTables.Row row : MarkerTables.get().signatures()) {
            if (!row.get(0).equals("mobile_footer")) {
                continue;
            }
            for (int n = 0; n < 20; n++) {
                String footer = row.get(3).replace("{device}", DEVICES[random.nextInt(DEVICES.length)])
                        .replace("{app}", DEVICES[random.nextInt(DEVICES.length)]);
                String cased = switch (random.nextInt(3)) {
                    case 0 -> footer.toUpperCase(Locale.ROOT);
                    case 1 -> footer.toLowerCase(Locale.ROOT);
                    default -> footer;
                };
                String line = " \t".substring(0, random.nextInt(3)) + cased + " .!。\t".substring(0, random.nextInt(6));
                lines.add(line);
                // Near misses: a word before or after, a char dropped at either end.
                lines.add("Re " + line);
                lines.add(line + " ok");
                lines.add(line.substring(1));
                lines.add(line.substring(0, line.length() - 1));
            }
        }
        for (String sent : List.of("Sent from my iPhone", "Envoyé de mon iPad", "Gesendet von meinem Telefon", "SENT WITH Spark")) {
            lines.add(sent);
            lines.add(sent.toLowerCase(Locale.ROOT) + ".");
        }
        int matched = 0;
        for (String line : lines) {
            boolean regex = MobileFooters.PATTERN.matcher(line).matches();
            assertThat(MobileFooters.matches(line)).as(line).isEqualTo(regex);
            matched += regex ? 1 : 0;
        }
        assertThat(matched).isGreaterThan(lines.size() / 5);
    }

    @Test
    void theShortcutAnswersAsTheRegexOnEveryCorpusLine() throws IOException {
        int lines = 0;
        for (String set : List.of("reply-forward", "cjk")) {
            Path dir = CORPORA.resolve(set);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.filter(Files::isRegularFile).filter(p -> p.toFile().length() < 200_000).sorted().toList()) {
                    for (String line : new String(Files.readAllBytes(p), StandardCharsets.UTF_8).split("\n")) {
                        assertThat(MobileFooters.matches(line)).as(line).isEqualTo(MobileFooters.PATTERN.matcher(line).matches());
                        lines++;
                    }
                }
            }
        }
        System.out.printf("mobile footers: %d corpus lines answered as the regex answers%n", lines);
    }
}
