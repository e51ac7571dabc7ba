package io.genjin.classifier.intent;

import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Intent of a message from its subject and new text. The model is loaded once (the categorizer is
 * not thread-safe, so each thread gets its own instance over the shared model).
 */
public final class IntentClassifier {

    /** Versioned with the training set: bump when {@code intent-train.tsv} changes meaning. */
    public static final String MODEL_RESOURCE = "intent-v2.bin";
    /**
     * Below this probability the answer is {@link IntentLabel#UNKNOWN} (the guess is kept). Chosen by
     * 5-fold cross-validation on the training split (the held-out split plays no part): the lowest
     * threshold at which the answers that remain are right at least 90% of the time.
     */
    public static final double MIN_CONFIDENCE = 0.59;
    /* Model reads (or trainings) in this JVM: tests hold the facade to one per construction, none per message. */
    static final AtomicInteger MODEL_LOADS = new AtomicInteger();

    private final DoccatModel model;
    private final double threshold;
    private final ThreadLocal<DocumentCategorizerME> categorizer;

    public IntentClassifier() {
        this(loadShippedModel());
    }

    public IntentClassifier(DoccatModel model) {
        this(model, MIN_CONFIDENCE);
    }

    /** @param threshold probability below which the answer is {@link IntentLabel#UNKNOWN} (0 always answers) */
    public IntentClassifier(DoccatModel model, double threshold) {
        this.model = model;
        this.threshold = threshold;
        this.categorizer = ThreadLocal.withInitial(() -> new DocumentCategorizerME(this.model));
    }

    public Intent classify(String subject, String text) {
        return classify(subject, text, Tokens.of(Tokens.clip(text)));
    }

    /**
     * As {@link #classify(String, String)}, with the text's tokens already known ({@code textWords} is
     * {@code Tokens.of(Tokens.clip(text))}): the tone model reads the same tokens, so they are made once.
     */
    public Intent classify(String subject, String text, String[] textWords) {
        String s = subject == null ? "" : subject;
        if (s.isBlank() && (text == null || text.isBlank())) {
            return Intent.NONE;
        }
        String[] subjectWords = Tokens.of(Tokens.clip(s));
        String[] words = new String[subjectWords.length + textWords.length];
        System.arraycopy(subjectWords, 0, words, 0, subjectWords.length);
        System.arraycopy(textWords, 0, words, subjectWords.length, textWords.length);
        DocumentCategorizerME me = categorizer.get();
        double[] scores = me.categorize(words);
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        IntentLabel guess = IntentLabel.of(me.getCategory(best));
        double confidence = Math.round(scores[best] * 1000) / 1000.0;
        return new Intent(scores[best] < threshold ? IntentLabel.UNKNOWN : guess, confidence, guess);
    }

    /** The shipped model; if a build has not produced it yet, train from the shipped examples (under a second). */
    private static DoccatModel loadShippedModel() {
        MODEL_LOADS.incrementAndGet();
        try (InputStream in = IntentClassifier.class.getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                return IntentTrainer.train(TrainingSet.load(TrainingSet.TRAIN));
            }
            return new DoccatModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
