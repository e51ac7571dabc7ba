package io.genjin.classifier.accuracy;

/**
 * One measured number of the accuracy table.
 *
 * @param goal the target, or NaN when there is none
 */
public record Figure(String metric, String corpus, double value, int n, double goal) {

    public static Figure of(String metric, String corpus, double value, int n) {
        return new Figure(metric, corpus, value, n, Double.NaN);
    }

    public Figure withGoal(double target) {
        return new Figure(metric, corpus, value, n, target);
    }

    public boolean meetsGoal() {
        return Double.isNaN(goal) || value >= goal;
    }
}
