package io.genjin.classifier.accuracy;

import io.genjin.classifier.Email;
import io.genjin.classifier.intent.Intent;
import io.genjin.classifier.intent.IntentClassifier;
import io.genjin.classifier.intent.IntentLabel;
import io.genjin.classifier.intent.RequestDetector;
import io.genjin.classifier.intent.TrainingSet;
import io.genjin.classifier.language.LanguageDetector;
import io.genjin.classifier.text.HtmlText;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Language accuracy, Parakweet ask/request F1 and intent macro-F1 on the project's own test split. */
final class TextBench {

    private static final Map<String, String> LETTERS_LANGUAGES = Map.of("chinese", "zh", "english", "en",
            "finnish", "fi", "icelandic", "is", "japanese", "ja", "korean", "ko", "polish", "pl", "thai", "th");

    final List<String> misses = new ArrayList<>();

    List<Figure> language(Path corpora, LanguageDetector detector) {
        Ratio letters = new Ratio();
        for (Path file : BounceBench.list(corpora.resolve("cjk/letters/tests"))) {
            String[] parts = file.getFileName().toString().split("_");
            String want = parts.length > 1 ? LETTERS_LANGUAGES.get(parts[1]) : null;
            if (want == null) {
                continue;
            }
            Email email = Email.fromEml(CorpusFiles.bytes(file));
            String text = email.text().isBlank() ? HtmlText.toText(email.html()) : email.text();
            if (text.isBlank()) {
                continue;
            }
            String got = detector.detect(email.subject() + "\n" + text);
            letters.add(want.equals(got));
            if (!want.equals(got)) {
                misses.add("language letters " + file.getFileName() + " want=" + want + " got=" + got);
            }
        }
        Ratio split = new Ratio();
        for (TrainingSet.Example e : TrainingSet.load(TrainingSet.TEST).examples()) {
            String got = detector.detect(e.text());
            split.add(e.language().equals(got));
            if (!e.language().equals(got)) {
                misses.add("language intent-test want=" + e.language() + " got=" + got + " : " + e.text());
            }
        }
        List<Figure> figures = new ArrayList<>();
        if (letters.trials > 0) {
            figures.add(Figure.of("language accuracy", "cjk/letters", letters.value(), letters.trials));
        }
        figures.add(Figure.of("language accuracy", "intent test split", split.value(), split.trials));
        return figures;
    }

    List<Figure> ask(Path corpora) {
        Path file = corpora.resolve("intent/parakweet-EmailIntentDataSet/src/resources/Ask0729-fixed.txt");
        Path test = corpora.resolve("intent/parakweet-EmailIntentDataSet/src/resources/testSet-qualifiedBatch-fixed.txt");
        Path source = Files.exists(test) ? test : file;
        if (!Files.exists(source)) {
            return List.of();
        }
        RequestDetector detector = new RequestDetector();
        Counts counts = new Counts();
        for (String line : CorpusFiles.text(source).split("\n")) {
            String[] cols = line.split("\t", 2);
            if (cols.length == 2 && (cols[0].equals("Yes") || cols[0].equals("No"))) {
                counts.add(cols[0].equals("Yes"), detector.asks(cols[1]));
            }
        }
        return List.of(Figure.of("ask/request F1", "parakweet " + source.getFileName(), counts.f1(), counts.total()));
    }

    List<Figure> intent(IntentClassifier classifier) {
        Map<IntentLabel, Counts> perLabel = new EnumMap<>(IntentLabel.class);
        List<TrainingSet.Example> examples = TrainingSet.load(TrainingSet.TEST).examples();
        Ratio accuracy = new Ratio();
        for (TrainingSet.Example e : examples) {
            Intent got = classifier.classify("", e.text());
            accuracy.add(got.label() == e.label());
            if (got.label() != e.label()) {
                misses.add("intent want=" + e.label() + " got=" + got.label() + " : " + e.text());
            }
            for (IntentLabel label : IntentLabel.values()) {
                perLabel.computeIfAbsent(label, l -> new Counts()).add(e.label() == label, got.label() == label);
            }
        }
        double sum = 0;
        int labels = 0;
        for (Map.Entry<IntentLabel, Counts> entry : perLabel.entrySet()) {
            if (entry.getValue().tp + entry.getValue().fn > 0) {
                sum += entry.getValue().f1();
                labels++;
            }
        }
        return List.of(
                Figure.of("intent macro-F1", "project test split", labels == 0 ? Double.NaN : sum / labels, examples.size()).withGoal(0.85),
                Figure.of("intent accuracy", "project test split", accuracy.value(), accuracy.trials));
    }

    /** Macro-F1 for the train command's one-line report. */
    static double macroF1(IntentClassifier classifier) {
        return new TextBench().intent(classifier).get(0).value();
    }
}
