package io.genjin.classifier.bench;

import io.genjin.classifier.Email;
import io.genjin.classifier.EmailUnderstanding;
import io.genjin.classifier.Understanding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What ingestion asks of the classifier ({@link EmailUnderstanding#understandToLink}) on the mail the
 * import bench imports: every .eml file of the corpora (expected results aside), most of them delivery
 * reports. Each operation is a message whose text and HTML open with a line of their own, as the import
 * bench's copies do: mail does not repeat, and the classifier's caches of recent results would answer a
 * repeated text without doing the work. With the client compiler only, as an import runs
 * ({@code -XX:TieredStopAtLevel=1}); one message per operation, one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgs = "-XX:TieredStopAtLevel=1")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LinkThroughputBenchmark {

    private EmailUnderstanding understanding;
    private Email[] mail;
    private int next;
    private long copy;

    @Setup(Level.Trial)
    public void loadCorpusAndModels() {
        mail = importedMail(TypicalMail.corpora()).toArray(Email[]::new);
        understanding = new EmailUnderstanding();
    }

    @Benchmark
    public Understanding understandToLinkImportedMail() {
        Email m = mail[next];
        if (++next == mail.length) {
            next = 0;
            copy++;
        }
        String line = "bench " + copy + "-" + next + "\n";
        Email unique = new Email(m.headers(), m.text().isEmpty() ? "" : line + m.text(),
                m.html().isEmpty() ? "" : "<p>" + line + "</p>" + m.html(), m.attachmentNames(), m.parts());
        return understanding.understandToLink(unique);
    }

    /** Every .eml under the corpora, in a stable order, as bench/lib/corpus.py takes them. */
    static List<Email> importedMail(Path corpora) {
        if (!Files.isDirectory(corpora)) {
            throw new IllegalStateException("Skipped: no corpora at " + corpora.toAbsolutePath().normalize());
        }
        try (Stream<Path> files = Files.walk(corpora)) {
            List<Email> out = new ArrayList<>();
            for (Path p : files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".eml"))
                    .filter(p -> !p.toString().contains("expected")).sorted().toList()) {
                out.add(Email.fromEml(Files.readAllBytes(p)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
