package io.genjin.classifier.tone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The project's tone examples: {@code label<TAB>language<TAB>family<TAB>text}, {@code #} comments. A family
 * is one situation phrased several ways; {@code tone-test.tsv} holds families that {@code tone-train.tsv}
 * does not, so a score on it is not a score on paraphrases of what was trained.
 */
public record ToneSet(List<Example> examples) {

    public static final String TRAIN = "tone-train.tsv";
    public static final String TEST = "tone-test.tsv";
    /** Written in one sitting and scored once on the model before it was changed; never trained on or aimed at. */
    public static final String BLIND = "tone-blind.tsv";
    public static final String DISSATISFIED = "dissatisfied";
    public static final String NEGATIVE = "negative";
    public static final String NEUTRAL = "neutral";
    public static final String POSITIVE = "positive";
    public static final Set<String> LABELS = Set.of(DISSATISFIED, NEGATIVE, NEUTRAL, POSITIVE);

    public record Example(String label, String language, String family, String text) {

        public Tone tone() {
            return ToneClassifier.toneOf(label);
        }

        public boolean dissatisfied() {
            return DISSATISFIED.equals(label);
        }
    }

    public ToneSet {
        examples = List.copyOf(examples);
    }

    public static ToneSet load(String resource) {
        try (InputStream in = ToneSet.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing tone resource " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ToneSet parse(String content) {
        List<Example> examples = new ArrayList<>();
        for (String line : content.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", 4);
            if (cols.length != 4 || !LABELS.contains(cols[0].strip())) {
                throw new IllegalArgumentException("not label<TAB>language<TAB>family<TAB>text: " + line);
            }
            examples.add(new Example(cols[0].strip(), cols[1].strip(), cols[2].strip(), cols[3].strip()));
        }
        return new ToneSet(examples);
    }
}
