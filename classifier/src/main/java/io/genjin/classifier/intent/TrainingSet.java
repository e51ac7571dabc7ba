package io.genjin.classifier.intent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's intent examples: {@code label<TAB>language<TAB>text}, one per line, {@code #} comments.
 * {@code intent-train.tsv} trains the shipped model; {@code intent-test.tsv} (about 20%, written
 * separately and never trained on) measures it.
 */
public record TrainingSet(List<Example> examples) {

    public static final String TRAIN = "intent-train.tsv";
    public static final String TEST = "intent-test.tsv";

    public record Example(IntentLabel label, String language, String text) {
    }

    public static TrainingSet load(String resource) {
        try (InputStream in = TrainingSet.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing training resource " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TrainingSet parse(String content) {
        List<Example> examples = new ArrayList<>();
        for (String line : content.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", 3);
            if (cols.length == 3) {
                examples.add(new Example(IntentLabel.of(cols[0]), cols[1].strip(), cols[2].strip()));
            }
        }
        return new TrainingSet(List.copyOf(examples));
    }
}
