package io.genjin.gateway.pipeline;

import io.genjin.gateway.MailSource;
import io.genjin.store.events.AutoReplyReceived;
import io.genjin.store.events.CustomerMailRead;
import io.genjin.store.events.CustomerReplied;
import io.genjin.store.events.InquiryReceived;
import io.genjin.store.events.MessageBounced;
import io.genjin.store.events.MessageLinked;
import io.genjin.store.events.MessageStored;
import io.genjin.store.events.QuoteSent;
import io.genjin.store.linking.CustomerLink;
import io.genjin.store.linking.LinkDecision;
import io.genjin.store.message.Direction;
import io.genjin.store.message.MailReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tells the rest of Genjin what happened, in past tense: stored (once, held or not), then once per customer the message belongs to: linked, customer replied (a person, not an
 * auto-reply or a bounce), what the classifier read in the customer's words (after customer replied, when it read), a new inquiry, quote sent, bounced, auto-reply received. Only for new messages: a
 * duplicate stops before this step. Delivery is at least once: a crash after publishing but before
 * the mark below is durable publishes again on redelivery, so listeners must be idempotent.
 */
final class PublishEvents implements Step {
    private final Steps steps;
    private final PendingPublication batch;

    /**
     * With {@code batch}, the events and marks wait in the batch's {@link PendingPublication} and are
     * written when it flushes. The SMTP dropbox's mail (never in a batch) is appended
     * ({@link io.genjin.store.events.DomainEvents#append}): handed to this process's listeners by
     * their own poll; the outbox write, and so the guarantee, is the same.
     */
    PublishEvents(Steps steps) {
        this(steps, null);
    }

    PublishEvents(Steps steps, PendingPublication batch) {
        this.steps = steps;
        this.batch = batch;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        LinkDecision d = m.decision();
        Understanding.Result u = m.understanding() == null ? Understanding.Result.NOTHING : m.understanding();
        Instant at = m.logged().date() != null ? m.logged().date() : steps.clock().instant();
        String id = m.loggedMessageId();
        String owner = m.source().ownerUserId();
        List<Object> events = new ArrayList<>();
        events.add(new MessageStored(id, true, owner));
        if (u.bounce()) {
            events.add(new MessageBounced(id, d.companyId(), owner, lowerCase(u.bouncedAddresses()),
                    u.hardBounce(), at));
        } else if (u.autoReply()) {
            String from = m.logged().sender() == null ? null : m.logged().sender().address();
            events.add(new AutoReplyReceived(id, d.companyId(), owner, from, u.returnDate(), at));
        }
        for (CustomerLink link : d.links()) {
            String company = link.companyId();
            events.add(new MessageLinked(id, company, link.contactIds(), d.direction(), owner, at));
            if (d.direction() == Direction.INBOUND && !u.bounce() && !u.autoReply()) {
                events.add(new CustomerReplied(id, company, link.contactIds(), m.logged().inReplyTo(), owner, at));
                MailReading r = m.reading();
                if (r != null) {
                    events.add(new CustomerMailRead(id, company, link.contactIds(), owner, at, r.intent(), r.tone(),
                            r.dissatisfied(), r.topics()));
                }
                if ("inquiry".equals(u.intent())) {
                    events.add(new InquiryReceived(id, company, link.contactIds(), owner, at));
                }
            }
            if (d.direction() == Direction.OUTBOUND && u.quote()) {
                events.add(new QuoteSent(id, company, m.forwardedBy() != null ? m.forwardedBy() : owner, at));
            }
        }
        List<String> markByMessageId = new ArrayList<>();
        if (m.storedId() == null) {
            markByMessageId.add(id);
        }
        if (!id.equals(m.messageId())) {
            // A forward: the dedupe key is the forward's own Message-ID.
            markByMessageId.add(m.messageId());
        }
        if (batch != null) {
            batch.add(events, m.storedId(), markByMessageId, List.of(id, m.messageId()));
            return StepResult.next(m, names(events));
        }
        if (m.source() instanceof MailSource.Dropbox) {
            // The dropbox's client waits for its 250, which needs the events durable (the outbox
            // write), not handled: the listeners take them up on their own poll, in rounds that grow
            // with the load, instead of a round per message on the SMTP session's thread before it answers.
            steps.events().append(events);
        } else {
            steps.events().publishAll(events);
        }
        if (m.storedId() != null) {
            steps.store().messages().markEventsPublishedById(m.storedId());
        }
        markByMessageId.forEach(mid -> steps.store().messages().markEventsPublished(mid));
        return StepResult.next(m, names(events));
    }

    private static String names(List<Object> events) {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList().toString();
    }

    private static List<String> lowerCase(List<String> addresses) {
        return addresses.stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).distinct().toList();
    }
}
