package io.genjin.classifier.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

/**
 * Operations per CPU-second of the benchmark JVM, next to JMH's wall-clock score. The build machine
 * is shared (load often above its two cores), so wall-clock ops/s says as much about the neighbours
 * as about the code; CPU time of the whole process (worker, GC, JIT) is the per-core cost.
 * Use with {@code -prof io.genjin.classifier.bench.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long startCpuNanos;

    @Override
    public String getDescription() {
        return "operations per CPU-second of the benchmark process";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        startCpuNanos = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration,
                                                       IterationResult result) {
        double cpuSeconds = (os.getProcessCpuTime() - startCpuNanos) / 1e9;
        double perCpuSecond = cpuSeconds > 0 ? result.getMetadata().getAllOps() / cpuSeconds : Double.NaN;
        return List.of(new ScalarResult("cpu", perCpuSecond, "ops/cpu-s", AggregationPolicy.AVG));
    }
}
