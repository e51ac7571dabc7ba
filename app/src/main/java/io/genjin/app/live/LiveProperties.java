package io.genjin.app.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the live stream that pushes new HIGH priority tasks to the signed-in user's open pages.
 *
 * @param heartbeat how often an idle stream gets a comment line, so proxies and the browser keep it open
 *                  and a closed tab is noticed (the write fails) within one beat
 * @param timeout   how long one stream lives before the server ends it; the browser's EventSource
 *                  reconnects at once, which also re-reads the session
 * @param maxStreamsPerUser open streams one user may hold (tabs, windows); the oldest is closed for a new one
 */
@ConfigurationProperties("genjin.live")
record LiveProperties(Duration heartbeat, Duration timeout, Integer maxStreamsPerUser) {

    LiveProperties {
        heartbeat = heartbeat == null ? Duration.ofSeconds(25) : heartbeat;
        timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
        maxStreamsPerUser = maxStreamsPerUser == null ? 8 : maxStreamsPerUser;
        if (heartbeat.isNegative() || heartbeat.isZero() || timeout.compareTo(heartbeat) <= 0) {
            throw new IllegalArgumentException("genjin.live.heartbeat must be positive and shorter than genjin.live.timeout");
        }
        if (maxStreamsPerUser < 1 || maxStreamsPerUser > 100) {
            throw new IllegalArgumentException("genjin.live.max-streams-per-user must be between 1 and 100, not "
                    + maxStreamsPerUser);
        }
    }
}
