package io.genjin.tracking.hit;

import io.genjin.tracking.IncomingHit;
import io.genjin.tracking.token.Token;

/**
 * A hit with a verified token, waiting in memory to be classified and written; {@code journalId}
 * names its entry in the {@link HitJournal} (null when it could not be journaled).
 */
public record PendingHit(Token token, IncomingHit request, String journalId) {
    public PendingHit(Token token, IncomingHit request) {
        this(token, request, null);
    }
}
