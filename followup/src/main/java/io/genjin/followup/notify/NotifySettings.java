package io.genjin.followup.notify;

import java.time.Duration;

/**
 * How notifications leave Genjin.
 *
 * @param perMinute         messages one robot or webhook is sent per minute at most (WeCom, DingTalk and Feishu
 *                          robots all refuse more than 20 a minute)
 * @param maxAttempts       attempts before a delivery is given up as failed
 * @param firstRetry        wait before the first retry; each further retry waits twice as long
 * @param maxRetryWait      the longest wait between two attempts
 * @param dispatchInterval  how often pending deliveries are looked at
 * @param timeout           connect and read timeout of one HTTP call
 * @param allowHttp         accept plain http:// webhook URLs (off: https only, so tokens and secrets never cross
 *                          the network in clear)
 * @param baseUrl           Genjin's own address, to put a link to the customer in messages (optional)
 */
public record NotifySettings(Integer perMinute, Integer maxAttempts, Duration firstRetry, Duration maxRetryWait,
        Duration dispatchInterval, Duration timeout, Boolean allowHttp, String baseUrl) {

    public static final NotifySettings DEFAULTS = new NotifySettings(null, null, null, null, null, null, null, null);

    public NotifySettings {
        perMinute = perMinute == null ? 20 : perMinute;
        maxAttempts = maxAttempts == null ? 6 : maxAttempts;
        firstRetry = firstRetry == null ? Duration.ofSeconds(30) : firstRetry;
        maxRetryWait = maxRetryWait == null ? Duration.ofMinutes(30) : maxRetryWait;
        dispatchInterval = dispatchInterval == null ? Duration.ofSeconds(5) : dispatchInterval;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        allowHttp = allowHttp != null && allowHttp;
        baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.replaceAll("/+$", "");
        if (perMinute < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("genjin.followup.notifications.per-minute and max-attempts must be at least 1");
        }
        if (firstRetry.isNegative() || maxRetryWait.compareTo(firstRetry) < 0 || dispatchInterval.isNegative() || dispatchInterval.isZero()
                || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("genjin.followup.notifications: retry waits, dispatch-interval and timeout must be "
                    + "positive, max-retry-wait at least first-retry");
        }
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed ones: doubling, capped. */
    public Duration backoff(int attempt) {
        Duration wait = firstRetry;
        for (int i = 1; i < attempt && wait.compareTo(maxRetryWait) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetryWait) > 0 ? maxRetryWait : wait;
    }
}
