package io.genjin.followup.sequence;

import io.genjin.followup.sequence.Enrollment.Postponement;
import io.genjin.followup.sequence.Enrollment.Postponement.Reason;
import io.genjin.followup.sequence.Enrollment.SentStep;
import io.genjin.followup.sequence.Enrollment.StopReason;
import io.genjin.followup.sequence.SequenceMailer.Outcome;
import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.user.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the sequence steps that are due. Each enrolment is claimed (leased) before anything is
 * decided, so replicas running this at once share the work and never send a step twice; and each
 * step's Message-ID is derived from the enrolment and step, so even a runner that died between
 * sending and recording cannot make the outbound path deliver it twice. For a claimed enrolment, in
 * order: the recipient unsubscribed → stop; outside the recipient's send window → due at its next
 * opening; the mailbox sent less than a gap ago → due when the gap ends; today's mailbox or domain
 * cap is used up → due in tomorrow's window; else render and send. Each "not now" is recorded on the
 * enrolment as a {@link Postponement} (why, until when, in which zone) for the pages to show. Paused
 * enrolments are never claimed. One log line per decision.
 */
public final class SequenceRunner {
    private static final Logger log = LoggerFactory.getLogger(SequenceRunner.class);
    private static final Duration AFTER_ERROR = Duration.ofMinutes(15);
    private final CrmStore crm;
    private final SequenceStore store;
    private final SequenceMailer mailer;
    private final UnsubscribeTokens tokens;
    private final SequenceSettings settings;
    private final Clock clock;

    public SequenceRunner(CrmStore crm, SequenceStore store, SequenceMailer mailer, SequenceSettings settings,
            Clock clock) {
        this.crm = crm;
        this.store = store;
        this.mailer = mailer;
        this.tokens = new UnsubscribeTokens(settings.unsubscribeKey());
        this.settings = settings;
        this.clock = clock;
    }

    /** Works through due enrolments, at most {@code max}; returns how many it looked at. */
    public int runDue(int max) {
        int seen = 0;
        while (seen < max) {
            Optional<Enrollment> next = store.enrollments().claimDue(settings.lease());
            if (next.isEmpty()) {
                break;
            }
            seen++;
            try {
                step(next.get());
            } catch (RuntimeException e) {
                log.warn("sequence enrollment={} step failed, retrying in {}", next.get().id(), AFTER_ERROR, e);
                store.enrollments().retryAt(next.get().id(), clock.instant().plus(AFTER_ERROR));
            }
        }
        return seen;
    }

    private void step(Enrollment e) {
        Optional<Sequence> found = store.sequences().find(e.sequenceId());
        if (found.isEmpty() || e.nextStep() >= found.get().steps().size()) {
            store.enrollments().stop(e.id(), StopReason.MANUAL, "the sequence no longer has this step");
            return;
        }
        Sequence sequence = found.get();
        if (store.unsubscribes().contains(e.address())) {
            store.enrollments().stop(e.id(), StopReason.UNSUBSCRIBED, "unsubscribed");
            log.info("sequence enrollment={} to=<{}> stop: unsubscribed", e.id(), e.address());
            return;
        }
        Company company = crm.companies().findLive(e.companyId()).orElse(null);
        ZoneId zone = zoneOf(e, company);
        Instant now = clock.instant();
        Instant opening = SendTimes.nextOpening(sequence.window(), zone, now);
        if (opening.isAfter(now)) {
            defer(e, new Postponement(Reason.SEND_WINDOW, opening, zone.getId(), null), "outside the send window in " + zone);
            return;
        }
        Instant gapEnds = store.budget().takeGap(e.ownerId());
        if (gapEnds != null) {
            defer(e, new Postponement(Reason.MAILBOX_GAP, gapEnds, zone.getId(), null), "gap after the mailbox's last send");
            return;
        }
        if (!store.budget().takeDaily(e.ownerId(), domainOf(e.address()))) {
            Instant tomorrow = store.budget().today().plusDays(1).atStartOfDay(store.budget().capZone()).toInstant();
            defer(e, new Postponement(Reason.DAILY_CAP, SendTimes.nextOpening(sequence.window(), zone, tomorrow), zone.getId(),
                    null), "daily cap reached");
            return;
        }
        send(e, sequence, company, now);
    }

    private void send(Enrollment e, Sequence sequence, Company company, Instant now) {
        Sequence.Step step = sequence.steps().get(e.nextStep());
        Sequence.Variant variant = step.variantFor(e.language(), sequence.defaultLanguage());
        User owner = crm.users().get(e.ownerId());
        Contact contact = crm.contacts().find(e.contactId()).orElse(null);
        Map<String, String> values = values(e, owner, contact, company);
        String messageId = e.id() + "." + e.nextStep() + ".seq@" + settings.hostname();
        String token = tokens.tokenFor(e.id());
        Map<String, String> headers = new LinkedHashMap<>();
        // RFC 8058: a one-click POST link, and RFC 2369's mailto as the fallback (it reaches the owner,
        // whose synced mailbox logs it as a reply, which stops the sequence too).
        headers.put("List-Unsubscribe", "<" + settings.publicUrl() + "/u/" + token + ">, <mailto:"
                + owner.primaryAddress() + "?subject=" + URLEncoder.encode("Unsubscribe " + token,
                        StandardCharsets.UTF_8).replace("+", "%20") + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        Outcome outcome = mailer.send(new SequenceMailer.Mail(owner.id(), owner.name(), owner.primaryAddress(),
                contact == null ? null : contact.name(), e.address(), Templates.render(variant.subject(), values),
                Templates.render(variant.body(), values), messageId, headers));
        boolean last = e.nextStep() + 1 >= sequence.steps().size();
        switch (outcome.kind()) {
            case SENT, QUEUED -> {
                Instant nextDue = last ? null : now.plus(sequence.steps().get(e.nextStep() + 1).delay());
                store.enrollments().stepSent(e.id(), new SentStep(e.nextStep(), messageId, now, outcome.kind().name()),
                        nextDue, last);
                log.info("sequence enrollment={} to=<{}> step={} {} messageId=<{}>{}", e.id(), e.address(),
                        e.nextStep(), outcome.kind(), messageId, last ? " (last step)" : " next due " + nextDue);
            }
            case BUSY -> {
                // Not sent, and no queue owns it: the claim belongs to a send that died (a crash mid-DATA)
                // or is still running. Counting it as sent would skip the step for good; it goes out once
                // the claim lapses, or is found sent by then.
                store.budget().giveBackDaily(e.ownerId(), domainOf(e.address()));
                store.enrollments().retryAt(e.id(), now.plus(settings.lease()));
                log.info("sequence enrollment={} to=<{}> step={} BUSY messageId=<{}>: {}; trying again in {}", e.id(),
                        e.address(), e.nextStep(), messageId, outcome.detail(), settings.lease());
            }
            case NO_MAILBOX -> stop(e, StopReason.NO_MAILBOX, outcome.detail());
            default -> stop(e, StopReason.SEND_FAILED, outcome.detail());
        }
    }

    private void stop(Enrollment e, StopReason reason, String detail) {
        store.enrollments().stop(e.id(), reason, detail);
        log.info("sequence enrollment={} to=<{}> stop: {} {}", e.id(), e.address(), reason, detail);
    }

    private void defer(Enrollment e, Postponement postponement, String why) {
        store.enrollments().later(e.id(), postponement, why);
        log.debug("sequence enrollment={} deferred to {}: {}", e.id(), postponement.until(), why);
    }

    ZoneId zoneOf(Enrollment e, Company company) {
        return e.timeZone() != null ? ZoneId.of(e.timeZone())
                : store.zones().of(e.contactId(), e.companyId(), company == null ? null : company.country());
    }

    private static Map<String, String> values(Enrollment e, User owner, Contact contact, Company company) {
        Map<String, String> values = new HashMap<>(e.variables());
        String name = contact == null || contact.name() == null ? "" : contact.name().trim();
        values.put("contact.name", name);
        values.put("contact.firstName", name.contains(" ") ? name.substring(0, name.indexOf(' ')) : name);
        values.put("company.name", company == null ? "" : company.name());
        values.put("owner.name", owner.name());
        values.put("owner.email", owner.primaryAddress());
        return values;
    }

    private static String domainOf(String address) {
        return address.substring(address.indexOf('@') + 1);
    }
}
