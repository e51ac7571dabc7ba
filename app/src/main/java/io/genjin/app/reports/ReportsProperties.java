package io.genjin.app.reports;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the manager reports.
 *
 * @param timeZone      the team's zone: where a day, week or month begins, and the working hours of
 *                      the business-time figures (default Asia/Shanghai; a change needs
 *                      {@code genjin reports rebuild} for the business minutes already kept)
 * @param customerCache how long the customers' grade, country, stage and owner (on the embedded
 *                      store also the tasks and orders) are kept in memory before the next read,
 *                      which runs in the background while the old copy is served (default 30 seconds)
 * @param rebuildAtStart rebuild the rollups at start when they are missing or of an older version
 *                      (default true)
 */
@ConfigurationProperties("genjin.reports")
record ReportsProperties(ZoneId timeZone, Duration customerCache, Boolean rebuildAtStart) {
    ReportsProperties {
        timeZone = timeZone == null ? ZoneId.of("Asia/Shanghai") : timeZone;
        customerCache = customerCache == null ? Duration.ofSeconds(30) : customerCache;
        rebuildAtStart = rebuildAtStart == null || rebuildAtStart;
    }
}
