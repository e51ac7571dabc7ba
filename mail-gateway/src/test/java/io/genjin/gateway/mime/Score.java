package io.genjin.gateway.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Matches per named dimension, printed as a table; misses are listed (up to a few) to guide work. */
final class Score {
    private final String title;
    private final Map<String, int[]> counts = new TreeMap<>();
    private final Map<String, List<String>> misses = new TreeMap<>();

    Score(String title) {
        this.title = title;
    }

    void count(String dimension, boolean match, String item) {
        int[] c = counts.computeIfAbsent(dimension, k -> new int[2]);
        c[1]++;
        if (match) {
            c[0]++;
        } else {
            misses.computeIfAbsent(dimension, k -> new ArrayList<>()).add(item);
        }
    }

    double ratio(String dimension) {
        int[] c = counts.get(dimension);
        return c == null || c[1] == 0 ? 1.0 : (double) c[0] / c[1];
    }

    void print() {
        System.out.println("== golden: " + title);
        counts.forEach((d, c) -> System.out.printf("   %-22s %4d / %4d  %5.1f%%%n", d, c[0], c[1], 100.0 * c[0] / c[1]));
        misses.forEach((d, m) -> System.out.println("   misses " + d + ": " + m.subList(0, Math.min(8, m.size()))));
    }
}
