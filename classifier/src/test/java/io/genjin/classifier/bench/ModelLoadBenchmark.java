package io.genjin.classifier.bench;

import io.genjin.classifier.EmailUnderstanding;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Building the facade (reading the langdetect and intent models) as the application does it: once,
 * in a fresh JVM. Hence one cold shot per fork and no warm-up; a warmed-up figure would flatter it.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(3)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class ModelLoadBenchmark {

    @Benchmark
    public EmailUnderstanding buildFacade() {
        return new EmailUnderstanding();
    }
}
