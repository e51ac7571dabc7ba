package io.genjin.app.tracking;

import io.genjin.gateway.SentTracking;
import io.genjin.tracking.Tracking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingestion's {@link SentTracking} port, by the tracking module: a sent copy carrying
 * {@code X-Genjin-Track} is linked to the quotation tracked in compose. A header that does not verify
 * (or names another message's tracking) is ignored and logged as a warning: it was made by hand.
 */
final class SentCopyTracking implements SentTracking {
    private static final Logger log = LoggerFactory.getLogger(SentCopyTracking.class);
    private final Tracking tracking;

    SentCopyTracking(Tracking tracking) {
        this.tracking = tracking;
    }

    @Override
    public Verdict recognise(String headerValue, String messageId) {
        Tracking.SentRecognition r = tracking.recogniseSent(headerValue, messageId);
        switch (r.outcome()) {
            case LINKED, ALREADY_LINKED -> {
                return new Verdict(true, r.outcome() + " tracked " + r.trackedId());
            }
            default -> {
                log.warn("message {}: {} header ignored ({}{})", messageId, SentTracking.HEADER, r.outcome(),
                        r.trackedId() == null ? "" : ", names tracked " + r.trackedId());
                return new Verdict(false, r.outcome() + (r.trackedId() == null ? "" : " tracked " + r.trackedId()));
            }
        }
    }
}
