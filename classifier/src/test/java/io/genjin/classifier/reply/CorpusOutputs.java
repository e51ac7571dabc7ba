package io.genjin.classifier.reply;

import io.genjin.classifier.Email;
import io.genjin.classifier.EmailUnderstanding;
import io.genjin.classifier.text.HtmlText;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the classifier makes of every message of the shared corpora, to show that a change meant to make it
 * faster leaves every output as it was, and how long it takes per message.
 * <ul>
 *   <li>{@code digest FILE}: for every .eml (recursively) the whole {@code understand()} and the strip of its
 *       text; for every other file of the reply and CJK sets, read as a bare body, the strip, the forward
 *       parse and {@code understand()}. One line per input into FILE, and the SHA-256 of them all printed.</li>
 *   <li>{@code time [PASSES]}: milliseconds of CPU per message of {@code understand()} and of the strip alone over
 *       the .eml files, the recent cuts forgotten before every message (each one cut afresh, as on a first
 *       import). Run it with the import's JVM options ({@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}).</li>
 * </ul>
 * The corpora: {@code -Dgenjin.corpora=DIR}, else ../shared/corpora from the repository root or the module.
 */
final class CorpusOutputs {

    private CorpusOutputs() {
    }

    public static void main(String[] args) throws Exception {
        Path corpora = corpora();
        if (args.length >= 2 && args[0].equals("digest")) {
            digest(corpora, Path.of(args[1]));
        } else if (args.length >= 1 && args[0].equals("time")) {
            time(corpora, args.length > 1 ? Integer.parseInt(args[1]) : 10);
        } else {
            System.err.println("usage: CorpusOutputs digest FILE | time [PASSES]");
        }
    }

    private static void digest(Path corpora, Path out) throws IOException, NoSuchAlgorithmException {
        EmailUnderstanding understanding = new EmailUnderstanding();
        ReplyStripper stripper = new ReplyStripper();
        ForwardParser forwards = new ForwardParser();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        int inputs = 0;
        try (PrintWriter lines = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            for (Path file : files(corpora, p -> p.toString().endsWith(".eml"))) {
                Email email = Email.fromEml(Files.readAllBytes(file));
                String text = !email.text().isBlank() ? email.text() : HtmlText.toText(email.html());
                RecentCuts.clear();
                String line = corpora.relativize(file) + "\t" + understanding.understand(email) + "\t" + stripper.strip(text);
                lines.println(line.replace("\n", "\\n").replace("\r", "\\r"));
                sha.update(line.getBytes(StandardCharsets.UTF_8));
                inputs++;
            }
            for (String set : List.of("reply-forward", "cjk")) {
                for (Path file : files(corpora.resolve(set), p -> !p.toString().endsWith(".eml") && size(p) < 200_000)) {
                    byte[] raw = Files.readAllBytes(file);
                    String body = new String(raw, StandardCharsets.UTF_8);
                    RecentCuts.clear();
                    String line = corpora.relativize(file) + "\t" + stripper.strip(body) + "\t" + forwards.parse(body)
                            + "\t" + understanding.understand(Email.ofText(body))
                            + (set.equals("cjk") ? "\t" + understanding.understand(Email.fromEml(raw)) : "");
                    lines.println(line.replace("\n", "\\n").replace("\r", "\\r"));
                    sha.update(line.getBytes(StandardCharsets.UTF_8));
                    inputs++;
                    for (String variant : variants(body)) {
                        RecentCuts.clear();
                        String varied = corpora.relativize(file) + "\t" + stripper.strip(variant, "Anna") + "\t" + forwards.parse(variant);
                        lines.println(varied.replace("\n", "\\n").replace("\r", "\\r"));
                        sha.update(varied.getBytes(StandardCharsets.UTF_8));
                        inputs++;
                    }
                }
            }
        }
        System.out.printf("%d inputs, sha-256 %s%n", inputs, HexFormat.of().formatHex(sha.digest()));
    }

    /**
     * The same body written otherwise, to reach what the corpora seldom hold: upper case, quoted many levels
     * deep, bold, tab-spaced, CRLF line ends, lines closed with Unicode line separators or full-width colons.
     */
    private static List<String> variants(String body) {
        List<String> lines = body.lines().toList();
        return List.of(body.toUpperCase(java.util.Locale.ROOT),
                String.join("\n", lines.stream().map(l -> ">>>>>>>>>>>>>>>>>>>>>>>> > > > > > > > > > " + l).toList()),
                String.join("\n", lines.stream().map(l -> "*" + l + "*").toList()),
                body.replace(' ', '\t').replace("\n", "\r\n"),
                String.join("\n", lines.stream().map(l -> l + "\u2028").toList()),
                body.replace(':', '：').replace("-", "-- ="));
    }

    private static void time(Path corpora, int passes) throws IOException {
        List<Email> emails = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Path file : files(corpora, p -> p.toString().endsWith(".eml"))) {
            Email email = Email.fromEml(Files.readAllBytes(file));
            emails.add(email);
            texts.add(!email.text().isBlank() ? email.text() : HtmlText.toText(email.html()));
        }
        EmailUnderstanding understanding = new EmailUnderstanding();
        ReplyStripper stripper = new ReplyStripper();
        // CPU time of this thread, not the wall clock: on a shared machine that says more about the neighbours.
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int pass = 0; pass < passes; pass++) {
            long understand = 0;
            long strip = 0;
            int sink = 0;
            for (int i = 0; i < emails.size(); i++) {
                RecentCuts.clear();
                long start = cpu.getCurrentThreadCpuTime();
                sink += understanding.understand(emails.get(i)).reply().length();
                long middle = cpu.getCurrentThreadCpuTime();
                RecentCuts.clear();
                long again = cpu.getCurrentThreadCpuTime();
                sink += stripper.strip(texts.get(i)).text().length();
                strip += cpu.getCurrentThreadCpuTime() - again;
                understand += middle - start;
            }
            System.out.printf("pass %2d: understand %.3f ms of CPU/message, strip %.3f ms of CPU/message (%d messages, %d)%n", pass + 1,
                    understand / 1e6 / emails.size(), strip / 1e6 / emails.size(), emails.size(), sink);
        }
    }

    private static List<Path> files(Path dir, java.util.function.Predicate<Path> which) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(which).sorted().toList();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path corpora() {
        String configured = System.getProperty("genjin.corpora");
        if (configured != null) {
            return Path.of(configured);
        }
        Path fromRoot = Path.of("../shared/corpora");
        return Files.isDirectory(fromRoot) ? fromRoot : Path.of("../../shared/corpora");
    }
}
