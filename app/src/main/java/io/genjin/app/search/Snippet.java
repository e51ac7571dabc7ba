package io.genjin.app.search;

import java.util.List;

/**
 * A piece of text with the words that matched marked, as parts: pages print each part as text
 * (escaped) and wrap hits in {@code <mark>}, so nothing from a mail is ever markup.
 */
public record Snippet(List<Part> parts) {

    public Snippet {
        parts = List.copyOf(parts);
    }

    public static Snippet plain(String text) {
        return new Snippet(text == null || text.isEmpty() ? List.of() : List.of(new Part(text, false)));
    }

    public boolean hasHit() {
        return parts.stream().anyMatch(Part::hit);
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        parts.forEach(p -> out.append(p.text()));
        return out.toString();
    }

    /** @param hit whether this part matched the query */
    public record Part(String text, boolean hit) {
    }
}
