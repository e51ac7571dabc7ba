package io.genjin.gateway.mime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The shared email corpora (../shared/corpora from the repository root); tests skip when absent. */
public final class Corpora {
    private Corpora() {
    }

    public static Path root() {
        String override = System.getProperty("genjin.corpora");
        Path path = override != null ? Path.of(override) : Path.of("../../shared/corpora");
        return path.toAbsolutePath().normalize();
    }

    /** The directory under the corpora root, or the test is skipped. */
    public static Path require(String relative) {
        Path dir = root().resolve(relative);
        assumeTrue(Files.isDirectory(dir), "corpus not present: " + dir);
        return dir;
    }

    public static List<Path> files(Path dir, String... suffixes) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(s)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ParsedMail parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new MailParser().parse(in, AttachmentSink.DISCARD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String normalizeSpace(String s) {
        return s == null ? "" : s.replaceAll("[\\s\\u00a0]+", " ").trim();
    }
}
