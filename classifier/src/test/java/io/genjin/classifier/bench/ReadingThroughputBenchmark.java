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
    private io.genjin.classifier.Email[] mix;
    private String[] replies;
    private int next;

    @Setup(Level.Trial)
    public void stripTheMix() {
        understanding = new EmailUnderstanding();
        mix = TypicalMail.load(TypicalMail.corpora()).toArray(io.genjin.classifier.Email[]::new);
        replies = java.util.Arrays.stream(mix)
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

    /**
     * A customer message as the gateway treats it: understood, then its new text read. The tone model takes
     * the tokens the intent model made; the difference to {@code understandTypicalMail} of the facade
     * benchmark is what reading costs a customer message.
     */
    @Benchmark
    public Reading understandThenReadTypicalMail() {
        int at = next;
        next = next + 1 == mix.length ? 0 : next + 1;
        understanding.understand(mix[at]);
        return understanding.read(replies[at]);
    }
}
