package io.genjin.classifier.cli;

import io.genjin.classifier.accuracy.AccuracyReport;
import io.genjin.classifier.intent.IntentClassifier;
import io.genjin.classifier.intent.IntentTrainer;
import io.genjin.classifier.intent.TrainingSet;
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

/**
 * {@code genjin classify train [--tone] [--out FILE]}: rebuilds the intent model (with {@code --tone}, the
 * tone model) from the shipped training set and writes it where the build picks it up as a versioned resource. Prints one JSON line.
 */
public final class TrainCommand {

    static final String DEFAULT_OUT = "src/main/resources/io/genjin/classifier/intent/" + IntentClassifier.MODEL_RESOURCE;

    private TrainCommand() {
    }

    public static int run(List<String> args, PrintStream out) {
        Path target = null;
        boolean tone = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--out" -> target = Path.of(args.get(++i));
                case "--tone" -> tone = true;
                case "-h", "--help" -> {
                    out.println(Messages.get("train.usage"));
                    return 0;
                }
                default -> {
                    out.println(Messages.get("train.usage"));
                    return 2;
                }
            }
        }
        if (tone) {
            return ToneTraining.run(target, out);
        }
        if (target == null) {
            target = inModule(DEFAULT_OUT);
        }
        TrainingSet set = TrainingSet.load(TrainingSet.TRAIN);
        DoccatModel model = IntentTrainer.train(set);
        double f1 = AccuracyReport.intentMacroF1(new IntentClassifier(model));
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            try (OutputStream os = Files.newOutputStream(target)) {
                model.serialize(os);
            }
        } catch (IOException e) {
            out.println(JsonLines.write(Map.of("error", String.valueOf(e.getMessage()))));
            return 1;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", target.toString());
        json.put("examples", set.examples().size());
        json.put("testMacroF1", Math.round(f1 * 1000) / 1000.0);
        // The threshold to put in IntentClassifier.MIN_CONFIDENCE: 5-fold cross-validation on the training split.
        json.put("calibratedThreshold", Math.round(IntentTrainer.calibrate(set, 5, 0.9) * 1000) / 1000.0);
        json.put("message", Messages.get("train.done", set.examples().size(), String.format(Locale.ROOT, "%.3f", f1), target));
        out.println(JsonLines.write(json));
        return 0;
    }

    /** From the repository root or from the module directory. */
    static Path inModule(String path) {
        return Files.isDirectory(Path.of("classifier/src")) ? Path.of("classifier", path) : Path.of(path);
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out));
    }
}
