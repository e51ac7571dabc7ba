package io.genjin.classifier.reply;

import io.genjin.classifier.text.RecentResults;

/**
 * The cuts of the bodies stripped most recently, by body. An ingested message's text is stripped by
 * the classifier on the pipeline's thread and again, moments later, by the search index reading the
 * stored message back; a strip is a pure function of the body (and the sender, for the signature
 * only), so the second finds the first's cut here instead of trying every line against the
 * attribution patterns again. Bounded by count and by the characters held (about 16 M, some 30 MB
 * of heap at most: the index may fall a few hundred messages behind the pipeline); least recently
 * used go first ({@link RecentResults}). Bodies longer than {@link #MAX_BODY} are cut every time and not kept.
 */
final class RecentCuts {
    static final int MAX_ENTRIES = 1024;
    static final long MAX_CHARS = 16_000_000;
    static final int MAX_BODY = 256 * 1024;
    private static final RecentResults<Cut> CUTS = new RecentResults<>(MAX_ENTRIES, MAX_CHARS, MAX_BODY, ReplyStripper::cutOf,
            Cut::chars);

    private RecentCuts() {
    }

    static Cut cut(String body) {
        return CUTS.of(body == null ? "" : body);
    }

    static int size() {
        return CUTS.size();
    }

    static void clear() {
        CUTS.clear();
    }
}
