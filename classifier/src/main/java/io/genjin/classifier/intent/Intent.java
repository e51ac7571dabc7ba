package io.genjin.classifier.intent;

/**
 * An intent label with the categorizer's probability for its best guess (0–1).
 *
 * @param label the answer; {@link IntentLabel#UNKNOWN} when the best guess is below the calibrated threshold
 * @param confidence the model's probability for {@code guess}
 * @param guess the model's best label, even when it was not confident enough to answer with it
 */
public record Intent(IntentLabel label, double confidence, IntentLabel guess) {

    public static final Intent NONE = new Intent(IntentLabel.OTHER, 0);

    public Intent(IntentLabel label, double confidence) {
        this(label, confidence, label);
    }

    /** True when the classifier declined to answer (the guess is below the threshold). */
    public boolean lowConfidence() {
        return label == IntentLabel.UNKNOWN;
    }
}
