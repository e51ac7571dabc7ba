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
            MailEvent opened = null;
            int inbound = 0;
            for (MailEvent event : events) {
                if (event.direction() == Direction.INBOUND) {
                    if (opened == null) {
                        opened = event;
                    }
                    inbound++;
                } else if (event.direction() == Direction.OUTBOUND && opened != null) {
                    responses.add(new Response(companyId, opened.at(), inbound, event.at(), event.userId(),
                            Duration.between(opened.at(), event.at()), hours.between(opened.at(), event.at())));
                    opened = null;
                    inbound = 0;
                }
            }
            if (opened != null) {
                unanswered.add(new Unanswered(companyId, opened.at(), inbound, opened.userId()));
            }
        });
        return new Waits(List.copyOf(responses), List.copyOf(unanswered));
    }
}
