package io.genjin.classifier.text;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The results of a pure function of a text, for the texts it was given most recently. An ingested
 * message's text goes through the same functions twice: on the pipeline's thread, and moments later
 * when the search index reads the stored message back; the second finds the first's result here.
 * Bounded by count and by the characters held (the texts and their results together); least recently
 * used go first. A text longer than {@code maxText} is worked out every time and not kept.
 *
 * @param <V> an immutable result
 */
public final class RecentResults<V> {
    private final int maxEntries;
    private final long maxChars;
    private final int maxText;
    private final Function<String, V> compute;
    private final ToLongFunction<V> chars;
    private final Map<String, V> results;
    private long held;

    /** How many texts the pipeline's caches keep: the search index may fall a few hundred messages behind. */
    public static final int ENTRIES = 1024;
    /** The characters (texts and results together) each may hold: some 30 MB of heap at most. */
    public static final long CHARS = 16_000_000;
    /**
     * The longest text kept: a quarter of the characters held, about the longest body the gateway reads
     * (4 MB), so that no one body pushes out more than part of the rest. A long body is where keeping
     * pays most.
     */
    public static final int MAX_TEXT = (int) (CHARS / 4);

    /**
     * The cache the pipeline and the search index share for one function of a message's body (the
     * reply's cut, an HTML body's text), with the bounds above.
     */
    public static <V> RecentResults<V> ofBodies(Function<String, V> compute, ToLongFunction<V> chars) {
        return new RecentResults<>(ENTRIES, CHARS, MAX_TEXT, compute, chars);
    }

    /** @param chars the characters a result holds, for the bound */
    public RecentResults(int maxEntries, long maxChars, int maxText, Function<String, V> compute, ToLongFunction<V> chars) {
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
        this.maxText = maxText;
        this.compute = compute;
        this.chars = chars;
        this.results = new LinkedHashMap<>(maxEntries * 2, 0.75f, true);
    }

    /** The function's result for this text: remembered, or worked out now (outside the lock) and remembered. */
    public V of(String text) {
        if (text.length() > maxText) {
            return compute.apply(text);
        }
        synchronized (results) {
            V known = results.get(text);
            if (known != null) {
                return known;
            }
        }
        V result = compute.apply(text);
        synchronized (results) {
            V before = results.put(text, result);
            held += text.length() + chars.applyAsLong(result) - (before == null ? 0 : text.length() + chars.applyAsLong(before));
            Iterator<Map.Entry<String, V>> eldest = results.entrySet().iterator();
            while ((results.size() > maxEntries || held > maxChars) && eldest.hasNext()) {
                Map.Entry<String, V> e = eldest.next();
                held -= e.getKey().length() + chars.applyAsLong(e.getValue());
                eldest.remove();
            }
        }
        return result;
    }

    public int size() {
        synchronized (results) {
            return results.size();
        }
    }

    public void clear() {
        synchronized (results) {
            results.clear();
            held = 0;
        }
    }
}
