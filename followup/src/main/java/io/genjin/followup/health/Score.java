package io.genjin.followup.health;

import io.genjin.followup.health.CustomerHealth.Part;
import io.genjin.followup.health.Signals.Mail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The health score as a pure function: each component 0–100 from the customer's signals, measured
 * where it can be against the customer's own history, then the weighted mean of the components that
 * have data (weights renormalised over them). docs/followup.md states each rule; the numbers here
 * are those.
 */
final class Score {
    static final long DAY = Duration.ofDays(1).toMillis();

    private Score() {
    }

    /** The mail components, from the signals. */
    static Map<Component, Part> fromMail(Signals s, Instant now) {
        Map<Component, Part> parts = new EnumMap<>(Component.class);
        List<Mail> in = s.mail().stream().filter(Mail::in).toList();
        List<Mail> out = s.mail().stream().filter(m -> !m.in()).toList();
        parts.put(Component.MAIL_RECENCY, recency(in, out, now));
        parts.put(Component.MAIL_RHYTHM, rhythm(in, now));
        parts.put(Component.REPLY_TIME, replyTime(s.mail(), now));
        parts.put(Component.UNANSWERED, unanswered(s.mail(), now));
        parts.put(Component.QUOTE_READS, quoteReads(s, in));
        parts.put(Component.TONE, tone(in, now));
        parts.put(Component.BOUNCES, bounces(s, now));
        return parts;
    }

    /** The record components, from orders, payments and overdue tasks. */
    static Map<Component, Part> fromRecords(Money money, int overdueTasks, Instant now) {
        Map<Component, Part> parts = new EnumMap<>(Component.class);
        parts.put(Component.ORDERS, orders(money, now));
        parts.put(Component.PAYMENTS, money.due() == 0 ? none(Component.PAYMENTS, "noneDue")
                : part(Component.PAYMENTS, 100 * (money.due() - money.late().size()) / money.due(), "payments",
                        money.late().size(), money.due()));
        parts.put(Component.TASKS, part(Component.TASKS, switch (Math.min(overdueTasks, 3)) {
            case 0 -> 100;
            case 1 -> 60;
            case 2 -> 30;
            default -> 0;
        }, "overdue", overdueTasks));
        return parts;
    }

    /** The weighted mean of the components that have data; 100 when none has. */
    static int total(List<Part> parts) {
        long weight = 0;
        long sum = 0;
        for (Part p : parts) {
            if (p.applies() && p.weight() > 0) {
                weight += p.weight();
                sum += (long) p.weight() * p.score();
            }
        }
        return weight == 0 ? 100 : (int) Math.round((double) sum / weight);
    }

    /** Time since both sides last wrote, against the customer's usual gap between its mails. */
    static Part recency(List<Mail> in, List<Mail> out, Instant now) {
        if (in.isEmpty() || out.isEmpty()) {
            return none(Component.MAIL_RECENCY, "noTwoWay");
        }
        Instant twoWay = twoWay(in, out);
        long usual = recencyUsual(in);
        return part(Component.MAIL_RECENCY, stepped(now.toEpochMilli() - twoWay.toEpochMilli(), usual, 4 * usual), "recency",
                since(twoWay), days(usual));
    }

    static Instant twoWay(List<Mail> in, List<Mail> out) {
        return earlier(in.get(in.size() - 1).at(), out.get(out.size() - 1).at());
    }

    static long recencyUsual(List<Mail> in) {
        return Math.max(usualGap(in), 7 * DAY);
    }

    /**
     * The customer's mails of the last 30 days against its own monthly rate before: its mails before the
     * last 30 days over the months from the first of them to the last (at least one). A customer that went
     * quiet keeps the rate it had while writing, and the expectation moves only when a mail enters or
     * leaves the 30 days, not with every day that passes.
     */
    static Part rhythm(List<Mail> in, Instant now) {
        Instant monthAgo = now.minus(Duration.ofDays(30));
        long recent = in.stream().filter(m -> m.at().isAfter(monthAgo)).count();
        List<Mail> before = in.stream().filter(m -> !m.at().isAfter(monthAgo)).toList();
        if (before.size() < 3) {
            return none(Component.MAIL_RHYTHM, "shortHistory");
        }
        double months = Math.max(1, (before.get(before.size() - 1).at().toEpochMilli() - before.get(0).at().toEpochMilli())
                / (double) MONTH);
        double expected = before.size() / months;
        int score = expected <= 0 ? 100 : (int) Math.round(Math.min(1, recent / expected) * 100);
        return part(Component.MAIL_RHYTHM, score, "rhythm", recent, String.format(java.util.Locale.ROOT, "%.1f", expected));
    }

    /**
     * Both sides: the team's median time to answer the customer (a day is fine, a week is not), and
     * the customer's latest answer times against its own earlier ones.
     */
    private static Part replyTime(List<Mail> mail, Instant now) {
        List<Long> ours = new ArrayList<>();
        List<Long> theirs = new ArrayList<>();
        Mail waiting = null;
        for (Mail m : mail) {
            if (waiting != null && waiting.in() != m.in()) {
                (m.in() ? theirs : ours).add(m.at().toEpochMilli() - waiting.at().toEpochMilli());
                waiting = m;
            } else if (waiting == null || waiting.in() != m.in()) {
                waiting = m;
            }
        }
        if (ours.isEmpty() && theirs.size() < 2) {
            return none(Component.REPLY_TIME, "noReplies");
        }
        int team = ours.isEmpty() ? 100 : linear(median(ours) / (double) DAY, 1, 7);
        int customer = 100;
        if (theirs.size() >= 4) {
            List<Long> earlier = theirs.subList(0, theirs.size() - 2);
            List<Long> latest = theirs.subList(theirs.size() - 2, theirs.size());
            customer = linear(median(latest) / (double) Math.max(median(earlier), DAY), 1.5, 4);
        }
        return part(Component.REPLY_TIME, Math.min(team, customer), "replyTime",
                ours.isEmpty() ? "-" : hours(median(ours)), theirs.isEmpty() ? "-" : hours(median(theirs)));
    }

    /** The customer's mails since the team last wrote: none is best; the oldest one waiting a week is worst. */
    static Part unanswered(List<Mail> mail, Instant now) {
        int waiting = 0;
        Instant oldest = null;
        for (int i = mail.size() - 1; i >= 0 && mail.get(i).in(); i--) {
            waiting++;
            oldest = mail.get(i).at();
        }
        if (waiting == 0) {
            return part(Component.UNANSWERED, 100, "answered");
        }
        return part(Component.UNANSWERED, Math.max(0, stepped(now.toEpochMilli() - oldest.toEpochMilli(), DAY / 2, 7 * DAY)
                - 10 * (waiting - 1)), "unanswered", waiting, since(oldest));
    }

    /** The last quotation read again and again with no word from the customer since it went out. */
    private static Part quoteReads(Signals s, List<Mail> in) {
        if (s.quotes().isEmpty()) {
            return none(Component.QUOTE_READS, "noQuote");
        }
        Instant quoted = s.quotes().get(s.quotes().size() - 1).at();
        boolean replied = in.stream().anyMatch(m -> m.at().isAfter(quoted));
        long reads = s.quoteReads().stream().filter(r -> r.at().isAfter(quoted)).count();
        if (replied || reads == 0) {
            return part(Component.QUOTE_READS, 100, replied ? "quoteAnswered" : "quoteUnread");
        }
        return part(Component.QUOTE_READS, (int) Math.max(20, 100 - 25 * reads), "quoteReads", reads);
    }

    /** Negative and dissatisfied mail of the last 90 days, the latest weighing most. */
    static Part tone(List<Mail> in, Instant now) {
        List<Mail> read = in.stream().filter(Mail::read).filter(m -> m.at().isAfter(now.minus(Duration.ofDays(90)))).toList();
        if (read.isEmpty()) {
            return none(Component.TONE, "noReading");
        }
        double loss = 0;
        int negative = 0;
        int dissatisfied = 0;
        for (Mail m : read) {
            double fresh = m.at().isAfter(now.minus(Duration.ofDays(30))) ? 1 : 0.5;
            if (m.dissatisfied()) {
                dissatisfied++;
                loss += 35 * fresh;
            } else if ("negative".equals(m.tone())) {
                negative++;
                loss += 15 * fresh;
            } else if ("positive".equals(m.tone())) {
                loss -= 5 * fresh;
            }
        }
        // The reason names what costs the score, not how many mails were read: a neutral mail leaving the
        // 90 days then changes nothing stored.
        return part(Component.TONE, (int) Math.round(Math.max(0, Math.min(100, 100 - loss))), "tone", negative, dissatisfied);
    }

    /** Hard bounces of the customer's contacts in the last 90 days: someone the team wrote to has gone. */
    static Part bounces(Signals s, Instant now) {
        long gone = s.bounces().stream().filter(b -> b.at().isAfter(now.minus(Duration.ofDays(90)))).map(Signals.Mark::what)
                .distinct().count();
        return part(Component.BOUNCES, gone == 0 ? 100 : gone == 1 ? 50 : 0, "bounces", gone);
    }

    /** Recency against the customer's own order rhythm, and this year's value against last year's. */
    static Part orders(Money money, Instant now) {
        List<Instant> dates = money.orderDates();
        if (dates.isEmpty()) {
            return none(Component.ORDERS, "noOrders");
        }
        long since = now.toEpochMilli() - dates.get(dates.size() - 1).toEpochMilli();
        long usual = orderGap(dates);
        int recency = stepped(since, usual * 6 / 5, 3 * usual);
        int value = money.yearBefore().signum() == 0 ? 100
                : (int) Math.round(Math.min(1, money.lastYear().doubleValue() / money.yearBefore().doubleValue()) * 100);
        return part(Component.ORDERS, (recency * 2 + value) / 3, "orders", since(dates.get(dates.size() - 1)), days(usual), value);
    }

    static long orderGap(List<Instant> dates) {
        return dates.size() < 2 ? 90 * DAY
                : Math.max(30 * DAY, (dates.get(dates.size() - 1).toEpochMilli() - dates.get(0).toEpochMilli()) / (dates.size() - 1));
    }

    static Part none(Component c, String reason) {
        return new Part(c.key(), 100, c.defaultWeight(), false, reason, List.of());
    }

    static Part part(Component c, int score, String reason, Object... args) {
        return new Part(c.key(), Math.max(0, Math.min(100, score)), c.defaultWeight(), true, reason,
                java.util.Arrays.stream(args).map(String::valueOf).toList());
    }

    /** 100 up to {@code good}, 0 from {@code bad}, a straight line between. */
    static int linear(double value, double good, double bad) {
        if (value <= good) {
            return 100;
        }
        if (value >= bad) {
            return 0;
        }
        return (int) Math.round(100 * (bad - value) / (bad - good));
    }

    /** Steps of a time-dependent score: 100, 80, 60, 40, 20, 0 (see {@link #stepped}). */
    static final int STEPS = 5;

    /**
     * 100 up to {@code good} milliseconds, 0 from {@code bad}, and between them five equal steps down
     * (100, 80, 60, 40, 20) rather than a straight line: a score that ages with time then changes every
     * few days, not every day, so an untouched customer's health need not be rewritten each night.
     * Integer arithmetic, so that {@link #stepAt} names the exact millisecond a step is reached.
     */
    static int stepped(long elapsed, long good, long bad) {
        if (elapsed <= good) {
            return 100;
        }
        if (elapsed >= bad) {
            return 0;
        }
        return 100 - 20 * (int) (STEPS * (elapsed - good) / (bad - good));
    }

    /** The elapsed time at which {@link #stepped} reaches step {@code k} (1..5): 80, 60, 40, 20, then 0. */
    static long stepAt(int k, long good, long bad) {
        long span = bad - good;
        return good + (k * span + STEPS - 1) / STEPS;
    }

    /** The median gap between consecutive mails; a month when there are too few to tell. */
    static long usualGap(List<Mail> mail) {
        if (mail.size() < 3) {
            return 30 * DAY;
        }
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < mail.size(); i++) {
            gaps.add(mail.get(i).at().toEpochMilli() - mail.get(i - 1).at().toEpochMilli());
        }
        return median(gaps);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** An instant in a reason: the page shows the days since it (see {@link Part#argsAt}). */
    static String since(Instant at) {
        return Part.SINCE + at;
    }

    static final long MONTH = 30 * DAY;

    private static long days(long millis) {
        return millis / DAY;
    }

    private static String hours(long millis) {
        return Long.toString(Math.round(millis / 3_600_000.0));
    }
}
