package io.genjin.classifier.intent;

import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.doccat.NGramFeatureGenerator;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Trains the intent categorizer (OpenNLP maximum entropy over {@link Tokens}) from a {@link TrainingSet}. */
public final class IntentTrainer {

    /*
     * Small data set: cutoff 1 keeps rare but telling words (proforma, 形式发票). L-BFGS maximum entropy
     * (MAXENT_QN) with word bigrams was chosen by 5-fold cross-validation on the training split only
     * (accuracy 0.88, against 0.74 for GIS maxent and 0.84 for the perceptron); the test split was not used.
     */
    private static final String ALGORITHM = "MAXENT_QN";
    private static final int ITERATIONS = 300;
    private static final int CUTOFF = 1;

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
        TrainingParameters parameters = TrainingParameters.defaultParams();
        parameters.put(TrainingParameters.ALGORITHM_PARAM, ALGORITHM);
        parameters.put(TrainingParameters.ITERATIONS_PARAM, ITERATIONS);
        parameters.put(TrainingParameters.CUTOFF_PARAM, CUTOFF);
        try {
            FeatureGenerator[] features = {new BagOfWordsFeatureGenerator(), new NGramFeatureGenerator(2, 2)};
            return DocumentCategorizerME.train("mul", new CollectionObjectStream<>(samples), parameters,
                    new DoccatFactory(features));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
