package io.genjin.followup.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the health score and the smart tags learn from the mail of one customer (id = company id),
 * kept from the domain events: the latest {@link #MAIL_KEPT} messages each way with what the
 * classifier read in the customer's own ones, hard bounces of its contacts, quotations sent and
 * quotation reads. Every entry is keyed by what it came from (a Message-ID), so a redelivered event
 * changes nothing.
 *
 * <p>{@code version} guards a change made by two processes at once ({@link HealthStore#change}): a save is an
 * update filtered on the id and the version read, which the embedded store serves from its id index.
 */
@Document("health_signals")
public record Signals(String id, List<Mail> mail, List<Mark> bounces, List<Mark> quotes, List<Mark> quoteReads,
        @Version Long version) {
    /** Messages kept per customer: enough for its rhythm over months, small enough to read 100,000 at once. */
    static final int MAIL_KEPT = 60;
    static final int MARKS_KEPT = 20;

    public Signals {
        mail = mail == null ? List.of() : List.copyOf(mail);
        bounces = bounces == null ? List.of() : List.copyOf(bounces);
        quotes = quotes == null ? List.of() : List.copyOf(quotes);
        quoteReads = quoteReads == null ? List.of() : List.copyOf(quoteReads);
    }

    static Signals none(String companyId) {
        return new Signals(companyId, List.of(), List.of(), List.of(), List.of(), null);
    }

    /**
     * One message: {@code in} from the customer; {@code tone}, {@code dissatisfied} and {@code topics}
     * once the classifier's reading of it arrived (inbound only).
     */
    public record Mail(String m, Instant at, boolean in, String tone, boolean dissatisfied, List<String> topics) {
        public Mail {
            topics = topics == null ? List.of() : List.copyOf(topics);
        }

        boolean read() {
            return tone != null;
        }

        int toneValue() {
            return dissatisfied ? -2 : "negative".equals(tone) ? -1 : "positive".equals(tone) ? 1 : 0;
        }
    }

    /** Something dated that came from a message (a bounce names the address that failed in {@code what}). */
    public record Mark(String m, Instant at, String what) {
    }

    /** With this message added, or merged into the entry of the same Message-ID (a reading after the link). */
    Signals with(Mail entry) {
        List<Mail> next = new ArrayList<>(mail.size() + 1);
        boolean merged = false;
        for (Mail old : mail) {
            if (old.m().equals(entry.m())) {
                next.add(new Mail(old.m(), old.at() != null ? old.at() : entry.at(), old.in() || entry.in(),
                        entry.tone() != null ? entry.tone() : old.tone(), entry.dissatisfied() || old.dissatisfied(),
                        entry.topics().isEmpty() ? old.topics() : entry.topics()));
                merged = true;
            } else {
                next.add(old);
            }
        }
        if (!merged) {
            next.add(entry);
        }
        next.sort(Comparator.comparing(Mail::at));
        return new Signals(id, keepLast(next, MAIL_KEPT), bounces, quotes, quoteReads, version);
    }

    Signals withBounce(Mark mark) {
        return new Signals(id, mail, add(bounces, mark), quotes, quoteReads, version);
    }

    Signals withQuote(Mark mark) {
        return new Signals(id, mail, bounces, add(quotes, mark), quoteReads, version);
    }

    Signals withQuoteRead(Mark mark) {
        return new Signals(id, mail, bounces, quotes, add(quoteReads, mark), version);
    }

    private static List<Mark> add(List<Mark> marks, Mark mark) {
        if (marks.stream().anyMatch(x -> x.m().equals(mark.m()) && java.util.Objects.equals(x.what(), mark.what()))) {
            return marks;
        }
        List<Mark> next = new ArrayList<>(marks);
        next.add(mark);
        next.sort(Comparator.comparing(Mark::at));
        return keepLast(next, MARKS_KEPT);
    }

    private static <T> List<T> keepLast(List<T> list, int n) {
        return list.size() <= n ? list : list.subList(list.size() - n, list.size());
    }
}
