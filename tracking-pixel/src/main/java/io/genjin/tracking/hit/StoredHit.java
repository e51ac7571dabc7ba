package io.genjin.tracking.hit;

import io.genjin.tracking.token.Token;
import java.time.Instant;

/**
 * One request to a pixel or link, as recorded: which recipient (by position) and link, when, from
 * where ({@code ip}: the raw address until the retention period ends, then its keyed hash), with
 * what user agent, and the verdict.
 */
public record StoredHit(int recipient, Token.Kind kind, int link, Instant at, String ip, String userAgent,
        boolean head, boolean prefetch, boolean human, String reason, double confidence) {
}
