package io.genjin.classifier.reply;

import io.genjin.classifier.text.RecentResults;

/**
 * The cuts of the bodies stripped most recently, by body. An ingested message's text is stripped by
 * the classifier on the pipeline's thread and again, moments later, by the search index reading the
 * stored message back; a strip is a pure function of the body (and the sender, for the signature
 * only), so the second finds the first's cut here instead of trying every line against the
 * attribution patterns again. Bounded by count and by the characters held, least recently used
 * first ({@link RecentResults#ofBodies}). Bodies longer than {@link #MAX_BODY} are cut every time and not kept.
 *
 * <p>A long body is where keeping pays most: the cut tries every line, and a log or a listing pasted
 * into a mail has an address, a time or a colon on nearly every line, which sends each to the
 * attribution checks. A body of 1.2 M characters took 85 ms a strip on the import's compiler, and the
 * search index stripped it again in full while bodies over 256 K characters were not kept.
 */
final class RecentCuts {
    static final int MAX_ENTRIES = RecentResults.ENTRIES;
    static final int MAX_BODY = RecentResults.MAX_TEXT;
    private static final RecentResults<Cut> CUTS = RecentResults.ofBodies(ReplyStripper::cutOf, Cut::chars);

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
