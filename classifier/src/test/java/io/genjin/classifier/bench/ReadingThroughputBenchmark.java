package io.genjin.classifier.bench;

import io.genjin.classifier.EmailUnderstanding;
import io.genjin.classifier.Reading;
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

import java.util.concurrent.TimeUnit;

/**
 * What reading a customer's mail adds to a message ({@link EmailUnderstanding#read}: one tone-model
 * evaluation and one pass of the topic phrases) on the new text of the {@link TypicalMail} mix, which the
 * facade strips in setup as the pipeline does before it. Average time per message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReadingThroughputBenchmark {

    private EmailUnderstanding understanding;
    private String[] replies;
    private int next;

    @Setup(Level.Trial)
    public void stripTheMix() {
        understanding = new EmailUnderstanding();
        replies = TypicalMail.load(TypicalMail.corpora()).stream()
                .map(understanding::understand)
                .map(u -> u.reply().isBlank() ? u.text() : u.reply())
                .toArray(String[]::new);
    }

    @Benchmark
    public Reading readTypicalReply() {
        String text = replies[next];
        next = next + 1 == replies.length ? 0 : next + 1;
        return understanding.read(text);
    }
}
