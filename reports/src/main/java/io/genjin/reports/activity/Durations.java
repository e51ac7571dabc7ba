package io.genjin.reports.activity;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Median and percentiles of durations, interpolated between neighbouring ranks exactly as Excel's
 * MEDIAN and PERCENTILE.INC do, so a figure on a dashboard matches the one a manager computes from
 * the exported rows.
 */
public final class Durations {

    private Durations() {
    }

    public static Optional<Duration> median(List<Duration> values) {
        return percentile(values, 0.5);
    }

    /** @param p between 0 and 1 */
    public static Optional<Duration> percentile(List<Duration> values, double p) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("a percentile is between 0 and 1: " + p);
        }
        if (values.isEmpty()) {
            return Optional.empty();
        }
        long[] millis = values.stream().mapToLong(Duration::toMillis).sorted().toArray();
        double rank = p * (millis.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, millis.length - 1);
        double value = millis[below] + (rank - below) * (millis[above] - millis[below]);
        return Optional.of(Duration.ofMillis(Math.round(value)));
    }
}
