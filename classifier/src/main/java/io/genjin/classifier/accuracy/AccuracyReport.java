package io.genjin.classifier.accuracy;

import io.genjin.classifier.intent.IntentClassifier;
import io.genjin.classifier.language.LanguageDetector;
import io.genjin.classifier.tone.ToneClassifier;
import io.genjin.classifier.tone.ToneSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Runs every labelled set found under a corpora directory and renders one table. */
public final class AccuracyReport {

    private final List<Figure> figures = new ArrayList<>();
    private final List<String> misses = new ArrayList<>();

    public static AccuracyReport measure(Path corpora) {
        return measure(corpora, false);
    }

    /** With {@code speed}, also times the facade (adds about five seconds). */
    public static AccuracyReport measure(Path corpora, boolean speed) {
        AccuracyReport report = new AccuracyReport();
        BounceBench bounces = new BounceBench();
        report.figures.addAll(bounces.sisimai(corpora));
        report.figures.addAll(bounces.perl(corpora));
        AutoReplyBench autoReplies = new AutoReplyBench();
        report.figures.addAll(autoReplies.run(corpora, new io.genjin.classifier.EmailUnderstanding()));
        ReplyBench replies = new ReplyBench();
        report.figures.addAll(replies.run(corpora));
        ForwardBench forwards = new ForwardBench();
        report.figures.addAll(forwards.run(corpora));
        TextBench text = new TextBench();
        report.figures.addAll(text.ask(corpora));
        report.figures.addAll(text.language(corpora, new LanguageDetector()));
        report.figures.addAll(text.intent(new IntentClassifier()));
        ToneBench tone = new ToneBench();
        ToneClassifier toneModel = new ToneClassifier();
        report.figures.addAll(tone.run(toneModel, ToneSet.load(ToneSet.TEST)));
        report.figures.addAll(tone.run(toneModel, ToneSet.load(ToneSet.BLIND), "tone BLIND set (never trained)", false));
        if (speed) {
            report.figures.addAll(new ThroughputBench().run(corpora));
        }
        report.misses.addAll(bounces.misses);
        report.misses.addAll(autoReplies.misses);
        report.misses.addAll(replies.misses);
        report.misses.addAll(forwards.misses);
        report.misses.addAll(text.misses);
        report.misses.addAll(tone.misses);
        return report;
    }

    public static double intentMacroF1(IntentClassifier classifier) {
        return TextBench.macroF1(classifier);
    }

    /** The tone figures alone (dissatisfied-F1 first), on the given examples. */
    public static List<Figure> tone(ToneClassifier classifier, ToneSet set) {
        return new ToneBench().run(classifier, set);
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    public List<String> misses() {
        return List.copyOf(misses);
    }

    public String table() {
        StringBuilder out = new StringBuilder();
        String format = "%-26s %-34s %7s %6s %6s %s%n";
        out.append(String.format(Locale.ROOT, format, "metric", "corpus", "value", "n", "goal", ""));
        out.append("-".repeat(86)).append('\n');
        for (Figure f : figures) {
            out.append(String.format(Locale.ROOT, format, f.metric(), f.corpus(),
                    Double.isNaN(f.value()) ? "-" : String.format(Locale.ROOT, "%.3f", f.value()), f.n(),
                    Double.isNaN(f.goal()) ? "" : String.format(Locale.ROOT, "%.2f", f.goal()),
                    Double.isNaN(f.goal()) ? "" : f.meetsGoal() ? "ok" : "BELOW"));
        }
        return out.toString();
    }
}
