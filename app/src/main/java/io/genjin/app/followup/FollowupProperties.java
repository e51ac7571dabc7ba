package io.genjin.app.followup;

import io.genjin.followup.ClusterOnce;
import io.genjin.followup.FollowupSettings;
import io.genjin.followup.escalation.EscalationSettings;
import io.genjin.followup.notify.NotifySettings;
import io.genjin.followup.rules.RuleSettings;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The follow-up engine's settings ({@code genjin.followup.*}); every field has a default, and the
 * records check their values when bound (a negative threshold stops the start with its property name).
 * docs/followup.md lists them all.
 */
@ConfigurationProperties("genjin.followup")
public record FollowupProperties(Duration scanInterval, ZoneId timeZone, Duration taskDueIn, RuleSettings rules,
        EscalationSettings escalation, NotifySettings notifications, Duration scanLease) {

    public FollowupProperties {
        scanLease = scanLease == null ? ClusterOnce.HEARTBEAT : scanLease;
        if (scanLease.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalArgumentException("genjin.followup.scan-lease must be at least 3s (it is renewed every third)");
        }
    }

    FollowupSettings settings() {
        return new FollowupSettings(scanInterval, timeZone, taskDueIn, rules, escalation, notifications);
    }
}
