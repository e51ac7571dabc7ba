package io.genjin.reports.activity;

import io.genjin.reports.WorkingHours;
import io.genjin.store.message.Direction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * First-response times to customers (docs/reports.md, "First response"). Per customer, in time
 * order: an inbound mail opens a wait unless one is open already (a customer who writes three times
 * before hearing back waits from the first mail); the next outbound mail to that customer closes it
 * and is credited to its sender. A wait still open at the end is unanswered. Internal mail and mail
 * the team sends unprompted do not open or close anything.
 */
public final class ResponseTimes {

    private ResponseTimes() {
    }

    /** A closed wait. {@code business} is the part of it inside the team's working hours. */
    public record Response(String companyId, Instant askedAt, int inboundMails, Instant answeredAt, String answeredBy,
            Duration calendar, Duration business) {
    }

    /** A wait nobody has answered yet, with the user whose mailbox received its first mail. */
    public record Unanswered(String companyId, Instant askedAt, int inboundMails, String receivedBy) {
    }

    public record Waits(List<Response> responses, List<Unanswered> unanswered) {
    }

    public static Waits of(List<MailEvent> mail, WorkingHours hours) {
        Map<String, List<MailEvent>> byCustomer = new LinkedHashMap<>();
        mail.stream().sorted(Comparator.comparing(MailEvent::at))
                .forEach(m -> byCustomer.computeIfAbsent(m.companyId(), k -> new ArrayList<>()).add(m));
        List<Response> responses = new ArrayList<>();
        List<Unanswered> unanswered = new ArrayList<>();
        byCustomer.forEach((companyId, events) -> {
            Walk walk = new Walk(companyId, hours);
            for (MailEvent event : events) {
                Step step = walk.next(null, event.at(), event.direction(), event.userId());
                if (step != null && step.answered() != null) {
                    responses.add(step.answered());
                }
            }
            if (walk.open() != null) {
                unanswered.add(walk.open());
            }
        });
        return new Waits(List.copyOf(responses), List.copyOf(unanswered));
    }

    /** What one mail did to its customer's waits: the wait it opened or added to, or the one it answered. */
    public record Step(String openerId, Unanswered open, Response answered, String answerId) {
    }

    /**
     * One customer's mail walked in time order, the rules applied mail by mail. What carries from one
     * mail to the next is only the wait still open (the mail that opened it, and how many it holds), so
     * a walk can stop and go on later from that alone ({@link #resume}).
     */
    public static final class Walk {
        private final String companyId;
        private final WorkingHours hours;
        private String openerId;
        private Instant openedAt;
        private String receivedBy;
        private int inbound;

        public Walk(String companyId, WorkingHours hours) {
            this.companyId = companyId;
            this.hours = hours;
        }

        /** A walk going on with this wait open (as {@link #open()} gave it), opened by mail {@code openerId}; none when null. */
        public static Walk resume(String companyId, WorkingHours hours, String openerId, Unanswered open) {
            Walk walk = new Walk(companyId, hours);
            if (open != null) {
                walk.openerId = openerId;
                walk.openedAt = open.askedAt();
                walk.receivedBy = open.receivedBy();
                walk.inbound = open.inboundMails();
            }
            return walk;
        }

        /**
         * The next mail (by time): the wait it opened, added to or answered; null when it touched none.
         * {@code mailId} only names the mail in the step (an opener, an answer); null when not wanted.
         */
        public Step next(String mailId, Instant at, Direction direction, String userId) {
            if (direction == Direction.INBOUND) {
                if (openedAt == null) {
                    openerId = mailId;
                    openedAt = at;
                    receivedBy = userId;
                    inbound = 0;
                }
                inbound++;
                return new Step(openerId, open(), null, null);
            }
            if (direction == Direction.OUTBOUND && openedAt != null) {
                Response answered = new Response(companyId, openedAt, inbound, at, userId, Duration.between(openedAt, at),
                        hours.between(openedAt, at));
                Step step = new Step(openerId, null, answered, mailId);
                openerId = null;
                openedAt = null;
                receivedBy = null;
                inbound = 0;
                return step;
            }
            return null;
        }

        /** The wait still open; null when none is. */
        public Unanswered open() {
            return openedAt == null ? null : new Unanswered(companyId, openedAt, inbound, receivedBy);
        }

        /** The mail that opened the wait still open; null when none is. */
        public String openerId() {
            return openerId;
        }
    }
}
