package io.genjin.followup.sequence;

import io.genjin.followup.sequence.Enrollment.StopReason;
import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.events.AutoReplyReceived;
import io.genjin.store.events.CustomerReplied;
import io.genjin.store.events.MessageBounced;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What stops or postpones a sequence, from the domain events ingestion publishes. Events arrive at
 * least once, so each reaction is an update that changes nothing the second time: a stop applies only
 * to active enrolments, a postponement never moves a step earlier.
 * <ul>
 * <li>a reply from anyone at the customer stops every active enrolment at that customer;</li>
 * <li>a bounce naming an enrolled address stops its enrolments;</li>
 * <li>an out-of-office reply postpones the sender's enrolments to the window opening the day after
 *     the stated return date, or by the default postponement when it states none.</li>
 * </ul>
 * Unsubscribing and stopping by hand go through {@link #unsubscribe} and {@link Enrollments#stop}.
 */
public final class SequenceStops {
    private static final Logger log = LoggerFactory.getLogger(SequenceStops.class);
    private final CrmStore crm;
    private final SequenceStore store;
    private final SequenceSettings settings;
    private final UnsubscribeTokens tokens;
    private final Clock clock;

    public SequenceStops(CrmStore crm, SequenceStore store, SequenceSettings settings, Clock clock) {
        this.crm = crm;
        this.store = store;
        this.settings = settings;
        this.tokens = new UnsubscribeTokens(settings.unsubscribeKey());
        this.clock = clock;
    }

    public void on(CustomerReplied event) {
        if (event.companyId() == null) {
            return;
        }
        long stopped = store.enrollments().stopCompany(event.companyId(), StopReason.REPLIED,
                "reply <" + event.messageId() + ">");
        if (stopped > 0) {
            log.info("sequence stop: {} enrollment(s) at company {} replied <{}>", stopped, event.companyId(),
                    event.messageId());
        }
    }

    public void on(MessageBounced event) {
        if (event.failedAddresses().isEmpty()) {
            return;
        }
        long stopped = store.enrollments().stopAddresses(event.failedAddresses(), StopReason.BOUNCED,
                (event.hard() ? "hard" : "soft") + " bounce <" + event.messageId() + ">");
        if (stopped > 0) {
            log.info("sequence stop: {} enrollment(s) bounced {} <{}>", stopped, event.failedAddresses(),
                    event.messageId());
        }
    }

    public void on(AutoReplyReceived event) {
        if (event.fromAddress() == null) {
            return;
        }
        for (Enrollment e : store.enrollments().activeTo(event.fromAddress().toLowerCase(Locale.ROOT))) {
            Optional<Sequence> sequence = store.sequences().find(e.sequenceId());
            if (sequence.isEmpty()) {
                continue;
            }
            Company company = crm.companies().findLive(e.companyId()).orElse(null);
            ZoneId zone = e.timeZone() != null ? ZoneId.of(e.timeZone())
                    : store.zones().of(e.contactId(), e.companyId(), company == null ? null : company.country());
            Instant notBefore = event.returnDate() != null
                    ? SendTimes.openingAfter(sequence.get().window(), zone, event.returnDate())
                    : SendTimes.nextOpening(sequence.get().window(), zone, clock.instant().plus(settings.defaultPostpone()));
            String why = "out of office" + (event.returnDate() == null ? "" : " until " + event.returnDate());
            Enrollment.Postponement postponement = new Enrollment.Postponement(
                    Enrollment.Postponement.Reason.OUT_OF_OFFICE, notBefore, zone.getId(), event.returnDate());
            if (store.enrollments().postpone(e.id(), postponement, why)) {
                log.info("sequence enrollment={} postponed to {}: {}", e.id(), notBefore, why);
            }
        }
    }

    /** The one-click unsubscribe: true when the token is genuine (idempotent: clicking twice is fine). */
    public Optional<Enrollment> unsubscribe(String token) {
        Optional<Enrollment> enrollment = tokens.verify(token).flatMap(id -> store.enrollments().find(id));
        enrollment.ifPresent(e -> {
            store.unsubscribes().add(e.address(), e.id(), clock.instant());
            store.enrollments().stopAddresses(java.util.List.of(e.address()), StopReason.UNSUBSCRIBED,
                    "one-click unsubscribe");
            log.info("sequence unsubscribe <{}> (enrollment {})", e.address(), e.id());
        });
        return enrollment;
    }
}
