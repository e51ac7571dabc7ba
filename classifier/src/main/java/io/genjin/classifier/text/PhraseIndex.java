package io.genjin.classifier.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ObjIntConsumer;

/**
 * Many short phrases found in one pass over a text: phrases are indexed by their first character, so each
 * position of the text is compared with the few phrases that start with its character, not all of them
 * (the tone cues and topic tables hold hundreds; searching each separately cost more than the model).
 *
 * @param <T> what a phrase stands for
 */
public final class PhraseIndex<T> {

    private record Entry<T>(String phrase, T value) {
    }

    private final Map<Character, List<Entry<T>>> byFirst = new HashMap<>();

    public PhraseIndex(Map<String, List<T>> phrases) {
        phrases.forEach((phrase, values) -> {
            if (!phrase.isEmpty()) {
                values.forEach(v -> byFirst.computeIfAbsent(phrase.charAt(0), c -> new ArrayList<>()).add(new Entry<>(phrase, v)));
            }
        });
    }

    /** Calls {@code found} with each phrase's value and where it starts, every occurrence, left to right. */
    public void scan(String text, ObjIntConsumer<T> found) {
        for (int at = 0; at < text.length(); at++) {
            List<Entry<T>> candidates = byFirst.get(text.charAt(at));
            if (candidates == null) {
                continue;
            }
            for (Entry<T> e : candidates) {
                if (text.startsWith(e.phrase(), at)) {
                    found.accept(e.value(), at);
                }
            }
        }
    }
}
