package io.genjin.followup;

import io.genjin.followup.escalation.EscalationSettings;
import io.genjin.followup.notify.NotifySettings;
import io.genjin.followup.rules.RuleSettings;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Everything the follow-up engine can be told, with working defaults.
 *
 * @param scanInterval how often the time-based rules and escalation run (once per cluster); zero turns the
 *                     scheduled scan off (it can still be run through the API)
 * @param timeZone     the zone the team works in: due days (sample arrival, contract end) start at its midnight
 * @param taskDueIn    how long a rule's task gives the salesperson, from when it is raised
 */
public record FollowupSettings(Duration scanInterval, ZoneId timeZone, Duration taskDueIn, RuleSettings rules,
        EscalationSettings escalation, NotifySettings notifications) {

    public static final FollowupSettings DEFAULTS = new FollowupSettings(null, null, null, null, null, null);

    public FollowupSettings {
        scanInterval = scanInterval == null ? Duration.ofMinutes(10) : scanInterval;
        timeZone = timeZone == null ? ZoneId.systemDefault() : timeZone;
        taskDueIn = taskDueIn == null ? Duration.ofDays(1) : taskDueIn;
        rules = rules == null ? RuleSettings.DEFAULTS : rules;
        escalation = escalation == null ? EscalationSettings.DEFAULTS : escalation;
        notifications = notifications == null ? NotifySettings.DEFAULTS : notifications;
        if (scanInterval.isNegative()) {
            throw new IllegalArgumentException("genjin.followup.scan-interval must not be negative");
        }
        if (taskDueIn.isNegative()) {
            throw new IllegalArgumentException("genjin.followup.task-due-in must not be negative");
        }
    }
}
