package io.genjin.classifier.intent;

/** An intent label with the categorizer's probability for it (0–1). */
public record Intent(IntentLabel label, double confidence) {

    public static final Intent NONE = new Intent(IntentLabel.OTHER, 0);
}
