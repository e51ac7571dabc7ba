package io.genjin.classifier.accuracy;

/** Binary confusion counts. */
final class Counts {
    int tp;
    int fp;
    int fn;
    int tn;

    void add(boolean expected, boolean predicted) {
        if (expected && predicted) {
            tp++;
        } else if (predicted) {
            fp++;
        } else if (expected) {
            fn++;
        } else {
            tn++;
        }
    }

    double precision() {
        return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
    }

    double recall() {
        return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
    }

    double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    int total() {
        return tp + fp + fn + tn;
    }
}
