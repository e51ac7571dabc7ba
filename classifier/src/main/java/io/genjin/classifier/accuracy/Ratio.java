package io.genjin.classifier.accuracy;

/** Hits over trials. */
final class Ratio {
    int hits;
    int trials;

    void add(boolean hit) {
        trials++;
        if (hit) {
            hits++;
        }
    }

    double value() {
        return trials == 0 ? Double.NaN : (double) hits / trials;
    }
}
