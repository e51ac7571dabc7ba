package io.genjin.classifier.tone;

import io.genjin.classifier.text.CategorizerTraining;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentSample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Trains the tone categorizer ({@link CategorizerTraining}, as intent, over {@link ToneCues}: the intent model's tokens plus tone cues). */
public final class ToneTrainer {

    private ToneTrainer() {
    }

    public static DoccatModel train(ToneSet set) {
        List<DocumentSample> samples = set.examples().stream()
                .map(e -> new DocumentSample(e.label(), ToneCues.features(e.text())))
                .toList();
        return CategorizerTraining.train(samples);
    }

    /**
     * The dissatisfied threshold ({@link ToneClassifier#DISSATISFIED_AT}): cross-validation by family on the
     * given (training) set (each fold holds out whole families, as the test split does), then out-of-fold
     * dissatisfied-F1 for each of {@code candidates}. Returns threshold to F1, in the candidates' order.
     */
    public static Map<Double, Double> calibrate(ToneSet set, int folds, double... candidates) {
        List<String> families = set.examples().stream().map(ToneSet.Example::family).distinct().sorted().toList();
        int[][] counts = new int[candidates.length][3]; // tp, fp, fn per candidate
        for (int fold = 0; fold < folds; fold++) {
            final int f = fold;
            List<ToneSet.Example> train = new ArrayList<>();
            List<ToneSet.Example> test = new ArrayList<>();
            for (ToneSet.Example e : set.examples()) {
                (families.indexOf(e.family()) % folds == f ? test : train).add(e);
            }
            DoccatModel model = train(new ToneSet(train));
            for (int c = 0; c < candidates.length; c++) {
                ToneClassifier classifier = new ToneClassifier(model, ToneClassifier.MIN_CONFIDENCE, candidates[c]);
                for (ToneSet.Example e : test) {
                    boolean said = classifier.read(e.text()).dissatisfied();
                    counts[c][0] += said && e.dissatisfied() ? 1 : 0;
                    counts[c][1] += said && !e.dissatisfied() ? 1 : 0;
                    counts[c][2] += !said && e.dissatisfied() ? 1 : 0;
                }
            }
        }
        Map<Double, Double> f1 = new LinkedHashMap<>();
        for (int c = 0; c < candidates.length; c++) {
            int[] k = counts[c];
            f1.put(candidates[c], k[0] == 0 ? 0 : 2.0 * k[0] / (2.0 * k[0] + k[1] + k[2]));
        }
        return f1;
    }
}
