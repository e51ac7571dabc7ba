package io.genjin.app.web;

import io.genjin.store.Invalid;

/**
 * A rule the person can fix, told in their language on a page and in English to the API: {@code key}
 * names the sentence in a message bundle, {@code arg} is its one argument (or null).
 */
public class Refusal extends Invalid {
    private final String key;
    private final String arg;

    public Refusal(String key, String arg, String message) {
        super(message);
        this.key = key;
        this.arg = arg;
    }

    public String key() {
        return key;
    }

    public String arg() {
        return arg;
    }
}
