package io.genjin.classifier.cli;

import io.genjin.classifier.accuracy.AccuracyReport;
import io.genjin.classifier.accuracy.Figure;
import io.genjin.classifier.tone.ToneClassifier;
import io.genjin.classifier.tone.ToneSet;
import io.genjin.classifier.tone.ToneTrainer;
import opennlp.tools.doccat.DoccatModel;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code genjin classify train --tone}: rebuilds {@code tone-v1.bin} and prints its figures and the calibrated threshold. */
final class ToneTraining {

    static final String DEFAULT_OUT = "src/main/resources/io/genjin/classifier/tone/" + ToneClassifier.MODEL_RESOURCE;

    private ToneTraining() {
    }

    static int run(Path target, PrintStream out) {
        Path file = target != null ? target : TrainCommand.inModule(DEFAULT_OUT);
        ToneSet set = ToneSet.load(ToneSet.TRAIN);
        DoccatModel model = ToneTrainer.train(set);
        List<Figure> figures = AccuracyReport.tone(new ToneClassifier(model, ToneClassifier.MIN_CONFIDENCE), ToneSet.load(ToneSet.TEST));
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (OutputStream os = Files.newOutputStream(file)) {
                model.serialize(os);
            }
        } catch (IOException e) {
            out.println(JsonLines.write(Map.of("error", String.valueOf(e.getMessage()))));
            return 1;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", file.toString());
        json.put("examples", set.examples().size());
        for (Figure f : figures.subList(0, 4)) {
            json.put(f.metric(), Math.round(f.value() * 1000) / 1000.0);
        }
        // Out-of-fold dissatisfied-F1 per threshold (cross-validation by family on the training split only):
        // the best one goes into ToneClassifier.DISSATISFIED_AT.
        Map<String, Double> calibration = new LinkedHashMap<>();
        ToneTrainer.calibrate(set, 5, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
                .forEach((t, f1) -> calibration.put(String.format(Locale.ROOT, "%.2f", t), Math.round(f1 * 1000) / 1000.0));
        json.put("thresholdDissatisfiedF1", calibration);
        json.put("message", Messages.get("train.tone.done", set.examples().size(),
                String.format(Locale.ROOT, "%.3f", figures.get(0).value()), file));
        out.println(JsonLines.write(json));
        return 0;
    }
}
