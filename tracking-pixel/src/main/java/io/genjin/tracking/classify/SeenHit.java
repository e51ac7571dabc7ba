package io.genjin.tracking.classify;

import io.genjin.tracking.token.Token;
import java.time.Instant;

/** A recipient's earlier (or, for a click being settled, slightly later) hit, as the rules need it. */
public record SeenHit(Instant at, Token.Kind kind, int link, String ipHash) {
}
