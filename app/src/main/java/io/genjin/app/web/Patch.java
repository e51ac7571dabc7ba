package io.genjin.app.web;

/** PATCH semantics: a field left out of the request keeps its current value (which may be empty). */
public final class Patch {
    private Patch() {
    }

    public static <T> T or(T change, T current) {
        return change != null ? change : current;
    }
}
