package io.genjin.tracking.hit;

import io.genjin.tracking.IncomingHit;
import io.genjin.tracking.token.Token;

/** A hit with a verified token, waiting in memory to be classified and written. */
public record PendingHit(Token token, IncomingHit request) {
}
