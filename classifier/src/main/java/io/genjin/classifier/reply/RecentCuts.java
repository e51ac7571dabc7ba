package io.genjin.classifier.reply;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cuts of the bodies stripped most recently, by body. An ingested message's text is stripped by
 * the classifier on the pipeline's thread and again, moments later, by the search index reading the
 * stored message back; a strip is a pure function of the body (and the sender, for the signature
 * only), so the second finds the first's cut here instead of trying every line against the
 * attribution patterns again. Bounded by count and by the characters held (about 16 M, some 30 MB
 * of heap at most: the index may fall a few hundred messages behind the pipeline); least recently
 * used go first. Bodies longer than {@link #MAX_BODY} are cut every time and not kept.
 */
final class RecentCuts {
    static final int MAX_ENTRIES = 1024;
    static final long MAX_CHARS = 16_000_000;
    static final int MAX_BODY = 256 * 1024;
    private static final Map<String, Cut> CUTS = new LinkedHashMap<>(MAX_ENTRIES * 2, 0.75f, true);
    private static long chars;

    private RecentCuts() {
    }

    static Cut cut(String body) {
        String key = body == null ? "" : body;
        if (key.length() > MAX_BODY) {
            return ReplyStripper.cutOf(key);
        }
        synchronized (CUTS) {
            Cut known = CUTS.get(key);
            if (known != null) {
                return known;
            }
        }
        Cut cut = ReplyStripper.cutOf(key);
        synchronized (CUTS) {
            Cut before = CUTS.put(key, cut);
            chars += key.length() + cut.chars() - (before == null ? 0 : key.length() + before.chars());
            Iterator<Map.Entry<String, Cut>> eldest = CUTS.entrySet().iterator();
            while ((CUTS.size() > MAX_ENTRIES || chars > MAX_CHARS) && eldest.hasNext()) {
                Map.Entry<String, Cut> e = eldest.next();
                chars -= e.getKey().length() + e.getValue().chars();
                eldest.remove();
            }
        }
        return cut;
    }

    static int size() {
        synchronized (CUTS) {
            return CUTS.size();
        }
    }

    static void clear() {
        synchronized (CUTS) {
            CUTS.clear();
            chars = 0;
        }
    }
}
