package io.genjin.classifier.tone;

import java.util.Locale;

/** The writer's attitude in the new text (definitions in docs/classifier.md). */
public enum Tone {
    POSITIVE, NEUTRAL, NEGATIVE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
