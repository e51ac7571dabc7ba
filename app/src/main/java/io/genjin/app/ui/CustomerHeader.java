package io.genjin.app.ui;

import io.genjin.followup.facts.CustomerFacts;
import io.genjin.followup.facts.Facts;
import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.tracking.MessageTracking;
import io.genjin.tracking.Tracking;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The figures at the top of a customer page: when mail last went each way, days since the customer
 * last took part, open tasks, and how often its quotations were opened by a person or by a machine
 * (a mail scanner or a privacy proxy fetching the pixel).
 */
@Component
class CustomerHeader {
    /** Quotations counted for the opens; a customer page looks at the recent ones. */
    private static final int TRACKED_MESSAGES = 200;
    private final CrmStore store;
    private final Facts facts;
    private final Tracking tracking;

    CustomerHeader(CrmStore store, Facts facts, Tracking tracking) {
        this.store = store;
        this.facts = facts;
        this.tracking = tracking;
    }

    /**
     * @param lastTwoWayAt the customer's side last took part, as the follow-up rules count it: the last
     *                     reply a person there wrote, else its last inbound mail
     */
    record Figures(Instant lastInAt, Instant lastOutAt, Instant lastTwoWayAt, Long daysSinceTwoWay, int openTasks,
            long quoteOpensHuman, long quoteOpensMachine) {
    }

    Figures of(Company company, int openTasks) {
        Instant replied = facts.find(company.id()).map(CustomerFacts::lastReplyAt).orElse(null);
        Instant twoWay = replied != null ? replied : company.lastInboundAt();
        Instant now = store.clock().instant();
        List<MessageTracking> quotes = tracking.ofCompany(company.id(), TRACKED_MESSAGES).stream()
                .filter(MessageTracking::quote).toList();
        long human = quotes.stream().mapToLong(q -> q.counters().humanOpens()).sum();
        long all = quotes.stream().mapToLong(q -> q.counters().opens()).sum();
        return new Figures(company.lastInboundAt(), company.lastOutboundAt(), twoWay,
                twoWay == null ? null : java.time.Duration.between(twoWay, now).toDays(), openTasks, human,
                Math.max(0, all - human));
    }
}
