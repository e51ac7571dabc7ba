package io.genjin.classifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The corpus files a test reads whole, as text: every regular file under some sets of the shared corpora
 * ({@code ../../shared/corpora/<set>}, seen from the module), smaller than a bound, in path order. A set
 * that is not there gives nothing: the tests that read them check their counts only when it is.
 */
public final class CorpusTexts {
    public static final Path CORPORA = Path.of("../../shared/corpora");

    private CorpusTexts() {
    }

    /** Whether the set is checked out beside the repository. */
    public static boolean present(String set) {
        return Files.isDirectory(CORPORA.resolve(set));
    }

    /** The files of these sets under {@code maxBytes}, each decoded whole in {@code charset}. */
    public static List<String> of(Charset charset, long maxBytes, String... sets) {
        List<String> texts = new ArrayList<>();
        for (String set : sets) {
            if (!present(set)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(CORPORA.resolve(set))) {
                for (Path p : files.filter(Files::isRegularFile).filter(p -> p.toFile().length() < maxBytes).sorted().toList()) {
                    texts.add(new String(Files.readAllBytes(p), charset));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return texts;
    }
}
