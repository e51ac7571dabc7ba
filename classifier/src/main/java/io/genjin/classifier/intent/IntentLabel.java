package io.genjin.classifier.intent;

import java.util.Locale;

/** What a business email is about, in the export-sales funnel. */
public enum IntentLabel {
    INQUIRY, QUOTATION, SAMPLE, ORDER, PAYMENT, LOGISTICS, COMPLAINT, OTHER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IntentLabel of(String code) {
        return valueOf(code.strip().toUpperCase(Locale.ROOT));
    }
}
