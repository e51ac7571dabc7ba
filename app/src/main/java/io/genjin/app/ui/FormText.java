package io.genjin.app.ui;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How list fields travel in plain HTML forms: domains and tags typed with commas or spaces, addresses
 * and phones one per line (a phone number has spaces of its own). Empty text is "none".
 */
record FormText(String text) {

    /** Words separated by commas, semicolons, spaces or new lines. */
    List<String> words() {
        return text == null ? List.of() : Arrays.stream(text.split("[,;，；\\s]+")).filter(w -> !w.isBlank()).toList();
    }

    Set<String> wordSet() {
        return new LinkedHashSet<>(words());
    }

    /** One entry per line. */
    List<String> lines() {
        return text == null ? List.of() : text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    /** Trimmed, or null when blank: an optional field left empty. */
    String orNull() {
        return text == null || text.isBlank() ? null : text.trim();
    }

    static String joined(java.util.Collection<String> items, String separator) {
        return items == null ? "" : String.join(separator, items);
    }
}
