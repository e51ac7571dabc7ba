package io.genjin.classifier.bench;

import io.genjin.classifier.Email;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A fixed mix of real corpus messages standing for a sales inbox: people's replies and forwards in
 * many languages (text and HTML), Chinese letters in legacy charsets, one-paragraph business requests,
 * and a few MTA bounces (about 6%). Every n-th file of a set is taken, so the mix is the same on every run;
 * it is shuffled with a fixed seed so the JIT sees the kinds interleaved, as in a real mailbox.
 */
final class TypicalMail {

    static final String CORPORA_PROPERTY = "genjin.corpora";
    private static final String ASK = "intent/parakweet-EmailIntentDataSet/src/resources/Ask0729-fixed.txt";

    private TypicalMail() {
    }

    /** {@code -Dgenjin.corpora}, else ../shared/corpora from the repository root or from the module. */
    static Path corpora() {
        String configured = System.getProperty(CORPORA_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        Path fromRoot = Path.of("../shared/corpora");
        return Files.isDirectory(fromRoot) ? fromRoot : Path.of("../../shared/corpora");
    }

    static List<Email> load(Path corpora) {
        if (!Files.isDirectory(corpora.resolve("reply-forward"))) {
            throw new IllegalStateException("Skipped: no corpora at " + corpora.toAbsolutePath().normalize()
                    + " (set -D" + CORPORA_PROPERTY + "=DIR, or check ../shared/corpora out next to the repository)");
        }
        Path replies = corpora.resolve("reply-forward");
        List<Email> mix = new ArrayList<>();
        mix.addAll(every(1, replies.resolve("talon/tests/fixtures/standard_replies"), ".eml", TypicalMail::eml));
        mix.addAll(every(1, replies.resolve("talon/tests/fixtures/html_replies"), ".html", TypicalMail::html));
        mix.addAll(every(1, replies.resolve("discourse-email_reply_trimmer/test/emails"), ".txt", TypicalMail::text));
        mix.addAll(every(1, replies.resolve("crisp-email-reply-parser/test/fixtures"), ".txt", TypicalMail::text));
        mix.addAll(every(2, replies.resolve("crisp-email-forward-parser/test/fixtures"), "_body.txt", TypicalMail::text));
        mix.addAll(every(2, corpora.resolve("cjk/letters/tests"), ".txt", TypicalMail::eml));
        mix.addAll(requests(corpora.resolve(ASK), 60));
        mix.addAll(every(20, corpora.resolve("sisimai/set-of-emails/maildir/bsd"), ".eml", TypicalMail::eml));
        Collections.shuffle(mix, new Random(20240801L));
        return List.copyOf(mix);
    }

    private static List<Email> every(int step, Path dir, String suffix, Function<Path, Email> read) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sorted = files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
            List<Email> picked = new ArrayList<>();
            for (int i = 0; i < sorted.size(); i += step) {
                picked.add(read.apply(sorted.get(i)));
            }
            return picked;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /* Parakweet's sentences are Enron business mail; three consecutive ones make a short request with a subject. */
    private static List<Email> requests(Path file, int count) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> sentences = new String(bytes(file), StandardCharsets.UTF_8).lines()
                .map(line -> line.substring(line.indexOf('\t') + 1).strip())
                .filter(s -> !s.isEmpty())
                .toList();
        int stride = Math.max(3, sentences.size() / count);
        List<Email> emails = new ArrayList<>();
        for (int i = 0; i + 3 <= sentences.size() && emails.size() < count; i += stride) {
            String body = "Hi,\n\n" + String.join(" ", sentences.subList(i, i + 3)) + "\n\nThanks,\nJeff\n";
            emails.add(new Email(Map.of(
                    "From", List.of("Jeff Dasovich <jeff.dasovich@enron.com>"),
                    "Subject", List.of("Re: " + firstWords(sentences.get(i), 6)),
                    "Date", List.of("Tue, 29 Jul 2003 10:15:00 -0500")), body, "", List.of(), List.of()));
        }
        return emails;
    }

    private static String firstWords(String sentence, int n) {
        String[] words = sentence.split("\\s+");
        return String.join(" ", java.util.Arrays.asList(words).subList(0, Math.min(n, words.length)));
    }

    private static Email eml(Path file) {
        return Email.fromEml(bytes(file));
    }

    private static Email html(Path file) {
        return new Email(Map.of("From", List.of("Customer <buyer@example.com>")), "",
                new String(bytes(file), StandardCharsets.UTF_8), List.of(), List.of());
    }

    private static Email text(Path file) {
        return Email.ofText(new String(bytes(file), StandardCharsets.UTF_8));
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
