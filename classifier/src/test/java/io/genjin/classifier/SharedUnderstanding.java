package io.genjin.classifier;

/** One facade for the whole test run: models load once, as in production. */
public final class SharedUnderstanding {

    private static EmailUnderstanding instance;

    private SharedUnderstanding() {
    }

    public static synchronized EmailUnderstanding get() {
        if (instance == null) {
            instance = new EmailUnderstanding();
        }
        return instance;
    }
}
