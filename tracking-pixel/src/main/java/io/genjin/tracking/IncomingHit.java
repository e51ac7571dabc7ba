package io.genjin.tracking;

import java.time.Instant;

/**
 * A request to a tracking URL as the endpoint saw it: the token from the path, the client's address
 * and user agent, whether it was a HEAD request or a prefetch ({@code Purpose: prefetch},
 * {@code Sec-Purpose: prefetch}), and when.
 */
public record IncomingHit(String token, String ip, String userAgent, boolean head, boolean prefetch, Instant at) {
    /** Longest user agent kept; some scanners send kilobytes. */
    static final int MAX_USER_AGENT = 512;

    public IncomingHit {
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
    }
}
