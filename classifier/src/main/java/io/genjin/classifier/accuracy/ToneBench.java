package io.genjin.classifier.accuracy;

import io.genjin.classifier.tone.Tone;
import io.genjin.classifier.tone.ToneClassifier;
import io.genjin.classifier.tone.ToneReading;
import io.genjin.classifier.tone.ToneSet;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dissatisfied-F1 and tone macro-F1 on the tone examples' held-out families, also per writing round (the
 * family's prefix: t-, t2-, t3-; docs/classifier.md says which rounds training lines were later aimed at).
 */
final class ToneBench {

    final List<String> misses = new ArrayList<>();

    List<Figure> run(ToneClassifier classifier, ToneSet set) {
        return run(classifier, set, "tone held-out families", true);
    }

    /**
     * @param goal whether the goal (0.85) is checked on this split: on the held-out split it is; the
     *             blind set is printed beside it without one, since CorporaGoldenTest fails the build on a
     *             figure below its goal and the blind set is there to tell, not to be met by tuning
     */
    List<Figure> run(ToneClassifier classifier, ToneSet set, String split, boolean goal) {
        Counts dissatisfied = new Counts();
        Map<String, Counts> perRound = new TreeMap<>();
        Map<String, Map<Tone, Counts>> perRoundTone = new TreeMap<>();
        Map<Tone, Counts> perTone = new EnumMap<>(Tone.class);
        Map<String, Counts> perLanguage = new TreeMap<>();
        for (ToneSet.Example e : set.examples()) {
            ToneReading got = classifier.read(e.text());
            dissatisfied.add(e.dissatisfied(), got.dissatisfied());
            perRound.computeIfAbsent(e.family().substring(0, e.family().indexOf('-') + 1), r -> new Counts())
                    .add(e.dissatisfied(), got.dissatisfied());
            perLanguage.computeIfAbsent(e.language().equals("en") || e.language().equals("zh") ? e.language() : "other",
                    l -> new Counts()).add(e.dissatisfied(), got.dissatisfied());
            Map<Tone, Counts> roundTone = perRoundTone.computeIfAbsent(e.family().substring(0, e.family().indexOf('-') + 1),
                    r -> new EnumMap<>(Tone.class));
            for (Tone t : Tone.values()) {
                roundTone.computeIfAbsent(t, k -> new Counts()).add(e.tone() == t, got.tone() == t);
                perTone.computeIfAbsent(t, k -> new Counts()).add(e.tone() == t, got.tone() == t);
            }
            if (got.dissatisfied() != e.dissatisfied() || got.tone() != e.tone()) {
                misses.add(split + ": want=" + e.label() + " got=" + got.guess() + " (" + got.confidence()
                        + (got.lowConfidence() ? ", neutral" : "") + ") [" + e.family() + "] : " + e.text());
            }
        }
        int n = set.examples().size();
        List<Figure> figures = new ArrayList<>();
        Figure f1 = Figure.of("dissatisfied F1 (model)", split, dissatisfied.f1(), n);
        figures.add(goal ? f1.withGoal(0.85) : f1);
        figures.add(Figure.of("dissatisfied precision", split, dissatisfied.precision(), dissatisfied.tp + dissatisfied.fp));
        figures.add(Figure.of("dissatisfied recall", split, dissatisfied.recall(), dissatisfied.tp + dissatisfied.fn));
        figures.add(Figure.of("tone macro-F1 (model)", split, perTone.values().stream().mapToDouble(Counts::f1).average()
                .orElse(Double.NaN), n));
        for (Map.Entry<Tone, Counts> t : perTone.entrySet()) {
            figures.add(Figure.of("tone F1 " + t.getKey().code(), split, t.getValue().f1(), t.getValue().tp + t.getValue().fn));
        }
        for (Map.Entry<String, Counts> r : perRound.entrySet()) {
            figures.add(Figure.of("dissatisfied F1 round " + r.getKey(), split, r.getValue().f1(), r.getValue().total()));
            figures.add(Figure.of("tone macro-F1 round " + r.getKey(), split,
                    perRoundTone.get(r.getKey()).values().stream().mapToDouble(Counts::f1).average().orElse(Double.NaN),
                    r.getValue().total()));
        }
        for (Map.Entry<String, Counts> l : perLanguage.entrySet()) {
            figures.add(Figure.of("dissatisfied F1 " + l.getKey(), split, l.getValue().f1(), l.getValue().total()));
        }
        return figures;
    }
}
