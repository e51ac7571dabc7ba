package io.genjin.classifier.intent;

import io.genjin.classifier.text.CategorizerTraining;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentSample;

import java.util.List;

/** Trains the intent categorizer ({@link CategorizerTraining} over {@link Tokens}) from a {@link TrainingSet}. */
public final class IntentTrainer {

    private IntentTrainer() {
    }

    /**
     * The confidence threshold for answering: k-fold cross-validation on the given (training) set, then
     * the lowest threshold at which the out-of-fold answers that remain are right at least
     * {@code precision} of the time.
     */
    public static double calibrate(TrainingSet set, int folds, double precision) {
        List<TrainingSet.Example> all = set.examples();
        List<double[]> scored = new java.util.ArrayList<>(); // {confidence, right ? 1 : 0}
        for (int fold = 0; fold < folds; fold++) {
            final int f = fold;
            List<TrainingSet.Example> train = new java.util.ArrayList<>();
            List<TrainingSet.Example> test = new java.util.ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                (i % folds == f ? test : train).add(all.get(i));
            }
            IntentClassifier classifier = new IntentClassifier(train(new TrainingSet(train)), 0);
            for (TrainingSet.Example e : test) {
                Intent got = classifier.classify("", e.text());
                scored.add(new double[] {got.confidence(), got.guess() == e.label() ? 1 : 0});
            }
        }
        scored.sort((a, b) -> Double.compare(b[0], a[0]));
        double threshold = 1.0;
        double right = 0;
        for (int i = 0; i < scored.size(); i++) {
            right += scored.get(i)[1];
            if (right / (i + 1) >= precision) {
                threshold = scored.get(i)[0];
            }
        }
        return threshold;
    }

    public static DoccatModel train(TrainingSet set) {
        List<DocumentSample> samples = set.examples().stream()
                .map(e -> new DocumentSample(e.label().code(), Tokens.of(e.text())))
                .toList();
        return CategorizerTraining.train(samples);
    }
}
