package io.genjin.app.search;

import io.genjin.store.message.Direction;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Full-text search over stored mail: the one interface the pages and the API use, whatever serves
 * it. Today that is a Lucene index in each process ({@link LuceneMailSearch}) on the embedded store
 * and on a real MongoDB alike; see docs/architecture.md for why.
 */
public interface MailSearch {

    /**
     * One page of the messages matching, among those the visibility lets through; the total counts
     * only those too.
     *
     * @throws BadQuery when the query text cannot be read
     */
    Results search(Request request, Visibility visibility);

    /** Reads these messages (by Message-ID) from the store again and indexes them as they are now. */
    void messagesChanged(Collection<String> messageIds);

    /** Whether every change handed in so far is searchable. */
    boolean idle();

    /** Messages in the index, and whether a rebuild from the store is under way. */
    Status status();

    enum Order { RELEVANCE, NEWEST }

    /**
     * @param text          what the user typed (Lucene syntax: words, "phrases", OR, -not, field:word); blank
     *                      lists everything the filters let through, newest first
     * @param companyId     only mail on this customer's timeline (null: any)
     * @param from          sent at or after (null: no bound)
     * @param until         sent before (null: no bound)
     * @param direction     null: any
     * @param hasAttachment true: only with attachments; null: any
     */
    record Request(String text, String companyId, Instant from, Instant until, Direction direction, Boolean hasAttachment,
            Order sort, int page, int size) {
        public Request {
            text = text == null ? "" : text.strip();
            sort = sort == null ? Order.RELEVANCE : sort;
            page = Math.max(page, 0);
            size = size < 1 ? 20 : Math.min(size, 100);
        }
    }

    /**
     * Who may see what, as the index can filter it: messages found in these users' mailboxes, or on the
     * timelines of these customers. {@code all} lets everything through (an admin).
     */
    record Visibility(boolean all, Set<String> mailboxOwners, Set<String> companyIds) {
        public static final Visibility ALL = new Visibility(true, Set.of(), Set.of());

        public Visibility {
            mailboxOwners = Set.copyOf(mailboxOwners);
            companyIds = Set.copyOf(companyIds);
        }
    }

    /**
     * @param matchedIn where the snippet comes from: body, quoted, attachments, people or subject
     */
    record Hit(String storedId, Snippet subject, Snippet snippet, String matchedIn, List<String> attachments) {
    }

    record Results(long total, List<Hit> hits, boolean building) {
    }

    record Status(long messages, boolean building) {
    }

    /** The query text is not valid search syntax; the message says where. */
    class BadQuery extends RuntimeException {
        public BadQuery(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
