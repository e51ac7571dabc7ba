package io.genjin.followup.health;

import io.genjin.followup.People;
import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.events.CustomerMailRead;
import io.genjin.store.events.CustomerReplied;
import io.genjin.store.events.CustomerShowedIntent;
import io.genjin.store.events.MessageBounced;
import io.genjin.store.events.MessageLinked;
import io.genjin.store.events.QuoteSent;
import io.genjin.store.message.Direction;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The event-driven side of the health score: each event that is a signal moves the customer's
 * signals forward (idempotently: entries are keyed by Message-ID) and recomputes its score at once
 * (or, in a {@link #round()}, once per customer at the round's end),
 * keeping the order, payment and task components of the last full recompute. Failures are rethrown,
 * as {@code FollowupEvents} does, so the event's sender delivers it again.
 */
public class HealthEvents {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HealthEvents.class);
    private final CrmStore store;
    private final HealthStore health;
    private final HealthAlerts alerts;
    private final Clock clock;
    private final ZoneId zone;

    public HealthEvents(CrmStore store, HealthStore health, io.genjin.followup.rules.TaskActions actions,
            io.genjin.followup.Texts texts, Clock clock, ZoneId zone) {
        this.store = store;
        this.health = health;
        this.alerts = new HealthAlerts(actions, texts);
        this.clock = clock;
        this.zone = zone;
    }

    /** Records the event's signals and recomputes each customer it moved at once. */
    public void on(Object event) {
        signal(event, companyId -> null, this::recompute);
    }

    /**
     * A round of events from the outbox, for one consumer thread: each signal is recorded as it comes
     * (so a redelivered event finds it), and each customer the round moved is recomputed once, at
     * {@link Round#end}, from its signals as the round's last change wrote them. An import's round of 1,500 events about
     * 300 customers recomputes 300 times instead of 1,500; a round of one event is {@link #on}.
     */
    public Round round() {
        return new Round();
    }

    public final class Round {
        /** Each customer the round moved, with its signals as the last change wrote them. */
        private final Map<String, Signals> moved = new LinkedHashMap<>();

        private Round() {
        }

        public synchronized void on(Object event) {
            signal(event, moved::get, moved::put);
        }

        /**
         * Recomputes every customer the round moved. One that fails is logged and left to the next
         * event about it or to the nightly recompute (its signals are already recorded); the others
         * are still recomputed.
         */
        public synchronized void end() {
            Map<String, Signals> due = new LinkedHashMap<>(moved);
            moved.clear();
            for (Map.Entry<String, Signals> customer : due.entrySet()) {
                String companyId = customer.getKey();
                try {
                    recompute(companyId, customer.getValue());
                } catch (RuntimeException e) {
                    log.warn("health recompute of customer {} after its events failed; the nightly recompute retries it",
                            companyId, e);
                }
            }
        }
    }

    private void signal(Object event, Function<String, Signals> last, BiConsumer<String, Signals> moved) {
        if (event instanceof CustomerReplied e) {
            change(e.companyId(), s -> s.with(new Signals.Mail(e.messageId(), e.occurredAt(), true, null, false, List.of())),
                    last, moved);
        } else if (event instanceof CustomerMailRead e) {
            change(e.companyId(), s -> s.with(new Signals.Mail(e.messageId(), e.occurredAt(), true, e.tone(), e.dissatisfied(),
                    e.topics())), last, moved);
        } else if (event instanceof MessageLinked e && e.direction() == Direction.OUTBOUND) {
            change(e.companyId(), s -> s.with(new Signals.Mail(e.messageId(), e.occurredAt(), false, null, false, List.of())),
                    last, moved);
        } else if (event instanceof QuoteSent e) {
            change(e.companyId(), s -> s.withQuote(new Signals.Mark(e.messageId(), e.occurredAt(), null)), last, moved);
        } else if (event instanceof CustomerShowedIntent e) {
            change(e.companyId(), s -> s.withQuoteRead(new Signals.Mark(e.messageId(), e.occurredAt(), e.signal() + ":"
                    + e.occurredAt().toEpochMilli())), last, moved);
        } else if (event instanceof MessageBounced e && e.hard()) {
            for (String address : e.failedAddresses()) {
                Optional<Contact> contact = store.contacts().byAddress(address);
                contact.ifPresent(c -> change(c.companyId(), s -> s.withBounce(new Signals.Mark(e.messageId(), e.occurredAt(),
                        address)), last, moved));
            }
        }
    }

    private void change(String companyId, UnaryOperator<Signals> change, Function<String, Signals> last,
            BiConsumer<String, Signals> moved) {
        if (companyId == null) {
            return;
        }
        moved.accept(companyId, health.change(companyId, change, last.apply(companyId)));
    }

    /** Recomputes one customer from its signals now (the record components as last computed). */
    public Optional<CustomerHealth> recompute(String companyId) {
        return recompute(companyId, health.signals(companyId), false);
    }

    /**
     * Recomputes one customer whose orders, payments, tasks or company record were just written: the
     * record components are read again, as the nightly run would read them. A customer without a health
     * yet (one just created or imported) is left alone: it is computed in full when first shown or at
     * the nightly run, so an import of 100,000 customers does not queue 100,000 recomputes.
     */
    public Optional<CustomerHealth> recordsChanged(String companyId) {
        if (health.health(companyId).isEmpty()) {
            return Optional.empty();
        }
        return recompute(companyId, health.signals(companyId), true);
    }

    private void recompute(String companyId, Signals signals) {
        recompute(companyId, signals, false);
    }

    private Optional<CustomerHealth> recompute(String companyId, Signals signals, boolean readRecords) {
        Optional<Company> company = store.companies().findLive(companyId);
        if (company.isEmpty()) {
            return Optional.empty();
        }
        People people = People.of(store);
        String teamId = company.get().ownerId() == null ? null
                : people.user(company.get().ownerId()).map(u -> u.teamId()).orElse(null);
        HealthPolicy policy = health.policy(teamId);
        CustomerHealth before = health.health(companyId).orElse(null);
        Instant now = clock.instant();
        boolean fresh = before == null || readRecords;
        var orders = fresh ? store.orders().ofCompany(companyId) : null;
        var payments = fresh ? store.orders().paymentsOf(companyId) : null;
        var records = fresh ? RecordParts.of(store, companyId, policy, now) : Assess.recordsOf(before);
        Money money = fresh ? Money.of(orders, payments, policy.paymentDays(), now) : null;
        Assess.Outcome outcome = Assess.of(companyId, company.get().ownerId(), signals, records, money, orders, payments, before,
                policy, now);
        if (!outcome.health().sameAs(before)) {
            // An event handled again (delivery is at least once) recomputes the same health: not rewritten.
            health.save(outcome.health());
        }
        health.day(companyId, now.atZone(zone).toLocalDate(), outcome.health().score());
        alerts.on(outcome, company.get(), policy, people, now);
        return Optional.of(outcome.health());
    }
}
