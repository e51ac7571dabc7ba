package io.genjin.classifier.accuracy;

import io.genjin.classifier.Email;
import io.genjin.classifier.intent.Intent;
import io.genjin.classifier.intent.IntentClassifier;
import io.genjin.classifier.intent.IntentLabel;
import io.genjin.classifier.intent.RequestDetector;
import io.genjin.classifier.intent.TrainingSet;
import io.genjin.classifier.intent.WordListBaseline;
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

    /* Language families for the per-family figures. */
    private static final Map<String, String> FAMILIES = Map.ofEntries(
            Map.entry("en", "English"), Map.entry("es", "Romance"), Map.entry("pt", "Romance"), Map.entry("fr", "Romance"),
            Map.entry("it", "Romance"), Map.entry("de", "Germanic"), Map.entry("nl", "Germanic"), Map.entry("ru", "Slavic"),
            Map.entry("pl", "Slavic"), Map.entry("ar", "Arabic"), Map.entry("zh", "Chinese"), Map.entry("ja", "Japanese"),
            Map.entry("ko", "Korean"), Map.entry("tr", "Turkish"), Map.entry("vi", "Vietnamese"), Map.entry("id", "Indonesian"));

    List<Figure> intent(IntentClassifier classifier) {
        List<TrainingSet.Example> examples = TrainingSet.load(TrainingSet.TEST).examples();
        WordListBaseline words = new WordListBaseline();
        Map<IntentLabel, Counts> perLabel = new EnumMap<>(IntentLabel.class);
        Map<IntentLabel, Counts> wordLabel = new EnumMap<>(IntentLabel.class);
        Map<IntentLabel, Counts> abstaining = new EnumMap<>(IntentLabel.class);
        Map<String, Ratio> perFamily = new java.util.TreeMap<>();
        Ratio accuracy = new Ratio();
        Ratio answered = new Ratio();
        Ratio answeredRight = new Ratio();
        for (TrainingSet.Example e : examples) {
            Intent got = classifier.classify("", e.text());
            IntentLabel wordGuess = words.classify(e.text());
            accuracy.add(got.guess() == e.label());
            perFamily.computeIfAbsent(FAMILIES.getOrDefault(e.language(), e.language()), f -> new Ratio())
                    .add(got.guess() == e.label());
            answered.add(!got.lowConfidence());
            if (!got.lowConfidence()) {
                answeredRight.add(got.label() == e.label());
            }
            if (got.guess() != e.label()) {
                misses.add("intent want=" + e.label() + " got=" + got.guess() + " (" + got.confidence()
                        + (got.lowConfidence() ? ", unknown" : "") + ") : " + e.text());
            }
            for (IntentLabel label : IntentLabel.trained()) {
                perLabel.computeIfAbsent(label, l -> new Counts()).add(e.label() == label, got.guess() == label);
                wordLabel.computeIfAbsent(label, l -> new Counts()).add(e.label() == label, wordGuess == label);
                abstaining.computeIfAbsent(label, l -> new Counts()).add(e.label() == label, got.label() == label);
            }
        }
        String split = "held-out split";
        List<Figure> figures = new java.util.ArrayList<>();
        figures.add(Figure.of("intent macro-F1 (model)", split, macro(perLabel), examples.size()).withGoal(0.85));
        figures.add(Figure.of("intent macro-F1 (word list)", split, macro(wordLabel), examples.size()));
        figures.add(Figure.of("intent accuracy (model)", split, accuracy.value(), accuracy.trials));
        figures.add(Figure.of("intent answered (conf >= " + IntentClassifier.MIN_CONFIDENCE + ")", split, answered.value(), answered.trials));
        figures.add(Figure.of("intent accuracy when answered", split, answeredRight.value(), answeredRight.trials));
        figures.add(Figure.of("intent macro-F1, unknown = wrong", split, macro(abstaining), examples.size()));
        for (Map.Entry<IntentLabel, Counts> entry : perLabel.entrySet()) {
            Counts c = entry.getValue();
            figures.add(Figure.of("intent F1 " + entry.getKey().code(), split, c.f1(), c.tp + c.fn));
        }
        for (Map.Entry<String, Ratio> entry : perFamily.entrySet()) {
            figures.add(Figure.of("intent accuracy " + entry.getKey(), split, entry.getValue().value(), entry.getValue().trials));
        }
        return figures;
    }

    private static double macro(Map<IntentLabel, Counts> perLabel) {
        double sum = 0;
        int labels = 0;
        for (Counts c : perLabel.values()) {
            if (c.tp + c.fn > 0) {
                sum += c.f1();
                labels++;
            }
        }
        return labels == 0 ? Double.NaN : sum / labels;
    }

    /** Macro-F1 for the train command's one-line report. */
    static double macroF1(IntentClassifier classifier) {
        return new TextBench().intent(classifier).get(0).value();
    }
}
