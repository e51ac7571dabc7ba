package io.genjin.app.ui;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the web UI.
 *
 * @param timeZone the zone times are shown in (e.g. {@code Asia/Shanghai}); the server's when unset
 * @param pageSize customers per list page and activities per timeline page
 */
@ConfigurationProperties("genjin.ui")
public record UiProperties(ZoneId timeZone, Integer pageSize) {

    public UiProperties {
        timeZone = timeZone == null ? ZoneId.systemDefault() : timeZone;
        pageSize = pageSize == null ? 25 : pageSize;
        if (pageSize < 1 || pageSize > 200) {
            throw new IllegalArgumentException("genjin.ui.page-size must be between 1 and 200, not " + pageSize);
        }
    }
}
