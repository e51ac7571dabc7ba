package io.genjin.classifier.tone;

/**
 * The tone of a text and whether the writer is dissatisfied.
 *
 * @param tone          {@link Tone#NEUTRAL} also when the model is not sure
 * @param dissatisfied  a grievance: complaint, claim, threat to cancel, anger at a delay (the tone is then negative)
 * @param confidence    the model's probability for its best guess
 * @param guess         the model's best category (dissatisfied, negative, neutral, positive), even when not sure
 */
public record ToneReading(Tone tone, boolean dissatisfied, double confidence, String guess) {

    public static final ToneReading NONE = new ToneReading(Tone.NEUTRAL, false, 0, ToneSet.NEUTRAL);

    /** True when the model declined to answer (its best guess was below the threshold). */
    public boolean lowConfidence() {
        return confidence < ToneClassifier.MIN_CONFIDENCE;
    }
}
