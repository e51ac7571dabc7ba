package io.genjin.classifier.tone;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Trains the tone categorizer (OpenNLP maximum entropy over {@link ToneCues}: the intent model's tokens plus tone cues). */
public final class ToneTrainer {

    /* The intent model's settings (L-BFGS maximum entropy, word bigrams, cutoff 1): same kind of data and size. */
    private static final String ALGORITHM = "MAXENT_QN";
    private static final int ITERATIONS = 300;
    private static final int CUTOFF = 1;

    private ToneTrainer() {
    }

    public static DoccatModel train(ToneSet set) {
        List<DocumentSample> samples = set.examples().stream()
                .map(e -> new DocumentSample(e.label(), ToneCues.features(e.text())))
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

    /**
     * The confidence threshold: cross-validation by family on the given (training) set (each fold holds out
     * whole families, as the test split does), then the threshold among {@code candidates} with the best
     * out-of-fold dissatisfied-F1. Returns threshold to F1, best first.
     */
    public static Map<Double, Double> calibrate(ToneSet set, int folds, double... candidates) {
        List<String> families = set.examples().stream().map(ToneSet.Example::family).distinct().sorted().toList();
        List<double[]> scored = new ArrayList<>(); // {P(best), best is dissatisfied, truly dissatisfied}
        for (int fold = 0; fold < folds; fold++) {
            final int f = fold;
            List<ToneSet.Example> train = new ArrayList<>();
            List<ToneSet.Example> test = new ArrayList<>();
            for (ToneSet.Example e : set.examples()) {
                (families.indexOf(e.family()) % folds == f ? test : train).add(e);
            }
            ToneClassifier classifier = new ToneClassifier(train(new ToneSet(train)), 0);
            for (ToneSet.Example e : test) {
                ToneReading r = classifier.read(e.text());
                scored.add(new double[] {r.confidence(), r.dissatisfied() ? 1 : 0, e.dissatisfied() ? 1 : 0});
            }
        }
        Map<Double, Double> f1 = new LinkedHashMap<>();
        for (double t : candidates) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (double[] s : scored) {
                boolean said = s[1] == 1 && s[0] >= t;
                boolean truth = s[2] == 1;
                tp += said && truth ? 1 : 0;
                fp += said && !truth ? 1 : 0;
                fn += !said && truth ? 1 : 0;
            }
            f1.put(t, tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn));
        }
        return f1;
    }
}
