package io.genjin.app.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Turns the highlighter's passages into {@link Snippet}s instead of an HTML string, so escaping is the
 * page's ordinary text output. Overlapping matches (the bigrams 报价 and 价单 of 报价单) join into one hit.
 */
final class SnippetFormatter extends PassageFormatter {

    @Override
    public Object format(Passage[] passages, String content) {
        List<Snippet> snippets = new ArrayList<>();
        for (Passage passage : passages) {
            List<Snippet.Part> parts = new ArrayList<>();
            StringBuilder hit = new StringBuilder();
            int at = passage.getStartOffset();
            for (int i = 0; i < passage.getNumMatches(); i++) {
                int start = Math.max(passage.getMatchStarts()[i], at);
                int end = Math.min(passage.getMatchEnds()[i], passage.getEndOffset());
                if (end <= start) {
                    continue;
                }
                if (start > at) {
                    flush(parts, hit);
                    parts.add(new Snippet.Part(content.substring(at, start), false));
                }
                hit.append(content, start, end);
                at = end;
            }
            flush(parts, hit);
            if (at < passage.getEndOffset()) {
                parts.add(new Snippet.Part(content.substring(at, passage.getEndOffset()), false));
            }
            snippets.add(new Snippet(parts));
        }
        return snippets;
    }

    private static void flush(List<Snippet.Part> parts, StringBuilder hit) {
        if (!hit.isEmpty()) {
            parts.add(new Snippet.Part(hit.toString(), true));
            hit.setLength(0);
        }
    }
}
