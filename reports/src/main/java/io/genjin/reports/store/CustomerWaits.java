package io.genjin.reports.store;

import io.genjin.reports.WorkingHours;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * One customer's first-response waits (docs/reports.md, "First response"), worked out by walking its
 * mail in order (by time, then stored id) from a {@link Tail}: what the walk has to remember after the
 * mail so far, namely the last mail walked and the wait still open. Every mail then changes at most
 * one wait, so a customer's mail that comes after all it had before is walked from the tail kept with
 * it, however long its history, and gives exactly the waits a walk over the whole history gives; mail
 * that comes earlier (an old folder synced late, a message moved between customers) is walked again
 * from the start. The rules are {@link io.genjin.reports.activity.ResponseTimes}': an inbound mail
 * opens a wait unless one is open, the next outbound mail closes it and is credited to its sender.
 * Each wait is named by the stored id of the mail that opened it, and an answered one names the mail
 * that answered it.
 */
final class CustomerWaits {
    private final String companyId;
    private final WorkingHours hours;

    CustomerWaits(String companyId, WorkingHours hours) {
        this.companyId = companyId;
        this.hours = hours;
    }

    /** One mail of the customer: its stored id, when, whether the team sent it, and the user it is credited to. */
    record Mail(String id, Instant at, boolean outbound, String userId) {
        static final Comparator<Mail> ORDER = Comparator.comparing(Mail::at).thenComparing(Mail::id);

        /** As kept in a customer's month ({@code e.<id>}: {@code t}, {@code o}, {@code u}). */
        static Mail of(String id, Document event) {
            return new Mail(id, event.getDate("t").toInstant(), Boolean.TRUE.equals(event.getBoolean("o")), event.getString("u"));
        }

        boolean after(Tail tail) {
            return tail.last == null || ORDER.compare(this, tail.last) > 0;
        }
    }

    /**
     * Where a walk stands: the last mail walked (null before the first) and the wait open after it
     * (null when none is): the mail that opened it, and how many inbound mails it holds.
     */
    static final class Tail {
        private Mail last;
        private Mail opener;
        private int inbound;

        /** The tail kept in a customer's document ({@link #toDocument}); an empty one when it has none. */
        static Tail from(Document kept) {
            Tail tail = new Tail();
            if (kept != null) {
                Document l = kept.get("l", Document.class);
                tail.last = l == null ? null : new Mail(l.getString("i"), l.getDate("t").toInstant(), false, null);
                Document s = kept.get("s", Document.class);
                if (s != null) {
                    tail.opener = new Mail(s.getString("i"), s.getDate("t").toInstant(), false, s.getString("u"));
                    tail.inbound = s.getInteger("n", 0);
                }
            }
            return tail;
        }

        /** Whether a customer's document keeps a tail (documents written before tails were kept do not). */
        static boolean keptIn(Document document) {
            return document != null && document.containsKey("l");
        }

        /** {@code l}: the last mail's id and time; {@code s}: the open wait's opener, its time, user and inbound count. */
        Document toDocument() {
            Document d = new Document();
            if (last != null) {
                d.append("l", new Document("i", last.id()).append("t", Date.from(last.at())));
            }
            if (opener != null) {
                Document s = new Document("i", opener.id()).append("t", Date.from(opener.at())).append("n", inbound);
                if (opener.userId() != null) {
                    s.append("u", opener.userId());
                }
                d.append("s", s);
            }
            return d;
        }
    }

    /**
     * Walks these mails (any order; they are sorted here) on from the tail, which moves past them, and
     * returns each wait they opened or changed as it is after them, by the id of the mail that opened it.
     */
    Map<String, Document> walk(Tail tail, List<Mail> mail) {
        List<Mail> sorted = new ArrayList<>(mail);
        sorted.sort(Mail.ORDER);
        Map<String, Document> changed = new LinkedHashMap<>();
        for (Mail m : sorted) {
            tail.last = m;
            if (!m.outbound()) {
                if (tail.opener == null) {
                    tail.opener = m;
                    tail.inbound = 0;
                }
                tail.inbound++;
                changed.put(tail.opener.id(), open(tail.opener, tail.inbound));
            } else if (tail.opener != null) {
                changed.put(tail.opener.id(), answered(tail.opener, tail.inbound, m));
                tail.opener = null;
                tail.inbound = 0;
            }
        }
        return changed;
    }

    private Document open(Mail opener, int inbound) {
        Document d = new Document("c", companyId).append("t", Date.from(opener.at())).append("n", inbound);
        if (opener.userId() != null) {
            d.append("r", opener.userId());
        }
        return d;
    }

    private Document answered(Mail opener, int inbound, Mail answer) {
        Document d = new Document("c", companyId).append("t", Date.from(opener.at())).append("n", inbound)
                .append("a", Date.from(answer.at())).append("am", answer.id())
                .append("cal", Duration.between(opener.at(), answer.at()).toSeconds())
                .append("bus", hours.between(opener.at(), answer.at()).toSeconds());
        if (answer.userId() != null) {
            d.append("by", answer.userId());
        }
        return d;
    }
}
