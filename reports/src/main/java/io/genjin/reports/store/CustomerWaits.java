package io.genjin.reports.store;

import io.genjin.reports.WorkingHours;
import io.genjin.reports.activity.ResponseTimes;
import io.genjin.store.message.Direction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * One customer's first-response waits as the reports keep them (docs/reports.md, "First response"):
 * {@link ResponseTimes.Walk} over its mail in order (by time, then stored id), each wait named by the
 * stored id of the mail that opened it, an answered one naming the mail that answered it. The customer's
 * document keeps a {@link Tail}: the last mail walked, and the wait the walk left open, which is all
 * the walk carries from one mail to the next. So a customer's mail that comes after all it had before is
 * walked on from the tail kept with it, however long its history, and gives exactly the waits a walk
 * over the whole history gives; mail that comes earlier (an old folder synced late, a message moved
 * between customers) is walked again from the start.
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
     * (null when none is): the mail that opened it, whose mailbox received it, and how many inbound
     * mails it holds.
     */
    static final class Tail {
        private Mail last;
        /** The open wait (null when none): as {@link ResponseTimes.Walk#open()} gives it, and its opener. */
        private ResponseTimes.Unanswered open;
        private String openerId;

        /** The tail kept in a customer's document ({@link #toDocument}); an empty one when it has none. */
        static Tail from(Document kept) {
            Tail tail = new Tail();
            if (kept != null) {
                Document l = kept.get("l", Document.class);
                tail.last = l == null ? null : new Mail(l.getString("i"), l.getDate("t").toInstant(), false, null);
                Document s = kept.get("s", Document.class);
                if (s != null) {
                    tail.openerId = s.getString("i");
                    tail.open = new ResponseTimes.Unanswered(null, s.getDate("t").toInstant(), s.getInteger("n", 0),
                            s.getString("u"));
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
            if (open != null) {
                Document s = new Document("i", openerId).append("t", Date.from(open.askedAt())).append("n", open.inboundMails());
                if (open.receivedBy() != null) {
                    s.append("u", open.receivedBy());
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
        ResponseTimes.Walk walk = ResponseTimes.Walk.resume(companyId, hours, tail.openerId, tail.open);
        Map<String, Document> changed = new LinkedHashMap<>();
        for (Mail m : sorted) {
            tail.last = m;
            ResponseTimes.Step step = walk.next(m.id(), m.at(), m.outbound() ? Direction.OUTBOUND : Direction.INBOUND, m.userId());
            if (step != null) {
                changed.put(step.openerId(), step.open() != null ? open(step.open()) : answered(step.answered(), step.answerId()));
            }
        }
        tail.open = walk.open();
        tail.openerId = walk.openerId();
        return changed;
    }

    private Document open(ResponseTimes.Unanswered wait) {
        Document d = new Document("c", companyId).append("t", Date.from(wait.askedAt())).append("n", wait.inboundMails());
        if (wait.receivedBy() != null) {
            d.append("r", wait.receivedBy());
        }
        return d;
    }

    private Document answered(ResponseTimes.Response wait, String answerId) {
        Document d = new Document("c", companyId).append("t", Date.from(wait.askedAt())).append("n", wait.inboundMails())
                .append("a", Date.from(wait.answeredAt())).append("am", answerId)
                .append("cal", wait.calendar().toSeconds()).append("bus", wait.business().toSeconds());
        if (wait.answeredBy() != null) {
            d.append("by", wait.answeredBy());
        }
        return d;
    }
}
