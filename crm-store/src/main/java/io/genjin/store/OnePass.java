package io.genjin.store;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Reads everything a query matches in one pass, holding at most a page of it: for exports and other
 * reads of a whole list. Close the stream when done (try-with-resources).
 *
 * <p>On MongoDB this is the server's cursor, fetched a batch at a time. The embedded server answers
 * a query with the whole result as one list in its memory (mongo-java-server's in-memory cursor),
 * and with a sort it sorts that list, so there the pass reads pages of unsorted results with
 * skip and limit: its scan stops after skip + limit matches and holds only the page. Unsorted
 * pages come in the collection's stored order, which does not move between pages; a document
 * added during the pass may or may not be in it. The price is that each page scans from the start
 * again (measured in bench/export).
 */
public final class OnePass {
    /** Documents per page or cursor batch. */
    public static final int PAGE = 1000;

    private OnePass() {
    }

    /** @param query without a sort: rows come in the store's order */
    public static <T> Stream<T> of(MongoOperations mongo, Query query, Class<T> type, boolean embedded) {
        if (query.isSorted()) {
            throw new IllegalArgumentException("a pass reads in the store's order; a sort would hold every match in memory");
        }
        if (!embedded) {
            return mongo.stream(Query.of(query).cursorBatchSize(PAGE), type);
        }
        Iterator<T> pages = new Iterator<>() {
            private List<T> page = List.of();
            private int next;
            private long skipped;
            private boolean last;

            @Override
            public boolean hasNext() {
                if (next < page.size()) {
                    return true;
                }
                if (last) {
                    return false;
                }
                page = mongo.find(Query.of(query).skip(skipped).limit(PAGE), type);
                skipped += page.size();
                next = 0;
                last = page.size() < PAGE;
                return !page.isEmpty();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(next++);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED), false);
    }
}
