package io.genjin.app.tracking;

import io.genjin.gateway.relay.Instrumentation;
import io.genjin.tracking.InstrumentRequest;
import io.genjin.tracking.InstrumentedMessage;
import io.genjin.tracking.Tracking;

/**
 * Tracking for mail Genjin sends (the SMTP relay, sequence steps), by the tracking module. One
 * SMTP transaction carries one body to all its recipients, so the mail is instrumented for all of
 * them (the tracked message lists each) and goes out with the first recipient's copy: with several
 * recipients, a hit counts for the first (in a client's order, the first To). Sequence steps have one
 * recipient each, so theirs are exact.
 */
final class TrackingInstrumentation implements Instrumentation {
    private final Tracking tracking;

    TrackingInstrumentation(Tracking tracking) {
        this.tracking = tracking;
    }

    @Override
    public Bodies instrument(Outgoing outgoing) {
        if (outgoing.recipients().isEmpty() || (outgoing.html() == null && outgoing.text() == null)) {
            return new Bodies(outgoing.html(), outgoing.text());
        }
        InstrumentedMessage message = tracking.instrument(new InstrumentRequest(outgoing.messageId(), outgoing.ownerId(),
                outgoing.senderAddress(), outgoing.companyId(), outgoing.quote(), outgoing.subject(), outgoing.html(),
                outgoing.text(), outgoing.recipients(), null));
        InstrumentedMessage.RecipientCopy first = message.recipients().get(0);
        return new Bodies(outgoing.html() == null ? null : first.html(), outgoing.text() == null ? null : first.text());
    }
}
