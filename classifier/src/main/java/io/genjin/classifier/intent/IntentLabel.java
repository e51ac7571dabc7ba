package io.genjin.classifier.intent;

import java.util.Locale;

/**
 * What a business email is about, in the export-sales funnel (definitions in docs/classifier.md).
 * {@link #UNKNOWN} is never trained: it is the answer when the model is not sure enough.
 */
public enum IntentLabel {
    INQUIRY, QUOTATION, SAMPLE, ORDER, PAYMENT, LOGISTICS, COMPLAINT, OTHER, UNKNOWN;

    /** The labels the model learns (all but {@link #UNKNOWN}). */
    public static java.util.List<IntentLabel> trained() {
        return java.util.Arrays.stream(values()).filter(l -> l != UNKNOWN).toList();
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IntentLabel of(String code) {
        return valueOf(code.strip().toUpperCase(Locale.ROOT));
    }
}
