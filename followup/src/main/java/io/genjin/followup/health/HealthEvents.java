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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * The event-driven side of the health score: each event that is a signal moves the customer's
 * signals forward (idempotently: entries are keyed by Message-ID) and recomputes its score at once
 * (or, in a {@link #round()}, writes and recomputes each customer once at the round's end),
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
        signal(event, (companyId, change) -> recompute(companyId, health.change(companyId, change)));
    }

    /**
     * A round of events from the outbox, for one consumer thread: each customer's signals from the
     * round's events are written once, at {@link Round#end}, and the customer recomputed once from
     * them. A dropbox round of 1,000 events about a few customers writes each of them once instead of
     * once an event; a round of one event is {@link #on}.
     */
    public Round round() {
        return new Round();
    }

    public final class Round {
        /** The changes of each customer the round moved, in the order of its events. */
        private final Map<String, List<UnaryOperator<Signals>>> changes = new LinkedHashMap<>();

        private Round() {
        }

        public synchronized void on(Object event) {
            signal(event, (companyId, change) -> changes.computeIfAbsent(companyId, k -> new ArrayList<>()).add(change));
        }

        /**
         * Writes each moved customer's signals with all its changes of the round (one read and one
         * versioned save; the changes applied again on what another process wrote in between), then
         * recomputes it. A customer whose recompute fails is logged and left to the next event about it
         * or to the nightly recompute. A customer whose signals cannot be written makes this throw, after
         * the others are written, so that the round's events are handed again (entries are keyed by
         * Message-ID: what was written stays once).
         */
        public synchronized void end() {
            Map<String, List<UnaryOperator<Signals>>> due = new LinkedHashMap<>(changes);
            changes.clear();
            RuntimeException unsaved = null;
            for (Map.Entry<String, List<UnaryOperator<Signals>>> customer : due.entrySet()) {
                String companyId = customer.getKey();
                List<UnaryOperator<Signals>> all = customer.getValue();
                Signals saved;
                try {
                    saved = health.change(companyId, signals -> {
                        Signals after = signals;
                        for (UnaryOperator<Signals> change : all) {
                            after = change.apply(after);
                        }
                        return after;
                    });
                } catch (RuntimeException e) {
                    if (unsaved == null) {
                        unsaved = e;
                    } else {
                        unsaved.addSuppressed(e);
                    }
                    continue;
                }
                try {
                    recompute(companyId, saved);
                } catch (RuntimeException e) {
                    log.warn("health recompute of customer {} after its events failed; the nightly recompute retries it",
                            companyId, e);
                }
            }
            if (unsaved != null) {
                throw unsaved;
            }
        }
    }

    private void signal(Object event, BiConsumer<String, UnaryOperator<Signals>> changed) {
        if (event instanceof CustomerReplied e) {
            change(e.companyId(), s -> s.with(new Signals.Mail(e.messageId(), e.occurredAt(), true, null, false, List.of())),
                    changed);
        } else if (event instanceof CustomerMailRead e) {
            change(e.companyId(), s -> s.with(new Signals.Mail(e.messageId(), e.occurredAt(), true, e.tone(), e.dissatisfied(),
                    e.topics())), changed);
        } else if (event instanceof MessageLinked e && e.direction() == Direction.OUTBOUND) {
            change(e.companyId(), s -> s.with(new Signals.Mail(e.messageId(), e.occurredAt(), false, null, false, List.of())),
                    changed);
        } else if (event instanceof QuoteSent e) {
            change(e.companyId(), s -> s.withQuote(new Signals.Mark(e.messageId(), e.occurredAt(), null)), changed);
        } else if (event instanceof CustomerShowedIntent e) {
            change(e.companyId(), s -> s.withQuoteRead(new Signals.Mark(e.messageId(), e.occurredAt(), e.signal() + ":"
                    + e.occurredAt().toEpochMilli())), changed);
        } else if (event instanceof MessageBounced e && e.hard()) {
            for (String address : e.failedAddresses()) {
                Optional<Contact> contact = store.contacts().byAddress(address);
                contact.ifPresent(c -> change(c.companyId(), s -> s.withBounce(new Signals.Mark(e.messageId(), e.occurredAt(),
                        address)), changed));
            }
        }
    }

    private static void change(String companyId, UnaryOperator<Signals> change, BiConsumer<String, UnaryOperator<Signals>> changed) {
        if (companyId != null) {
            changed.accept(companyId, change);
        }
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
