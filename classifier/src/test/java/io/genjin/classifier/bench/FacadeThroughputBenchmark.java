package io.genjin.classifier.bench;

import io.genjin.classifier.Email;
import io.genjin.classifier.EmailUnderstanding;
import io.genjin.classifier.Understanding;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole facade on a typical inbox ({@link TypicalMail}), one message per operation, one thread:
 * the score in ops/s is messages per second per core. Messages are parsed in setup (the gateway
 * hands the classifier parsed mail), the facade is built once, as in the application.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FacadeThroughputBenchmark {

    private EmailUnderstanding understanding;
    private Email[] mix;
    private int next;

    @Setup(Level.Trial)
    public void loadMixAndModels() {
        List<Email> emails = TypicalMail.load(TypicalMail.corpora());
        mix = emails.toArray(Email[]::new);
        understanding = new EmailUnderstanding();
    }

    @Benchmark
    public Understanding understandTypicalMail() {
        Email email = mix[next];
        next = next + 1 == mix.length ? 0 : next + 1;
        return understanding.understand(email);
    }
}
