package io.genjin.followup.rules;

import io.genjin.store.task.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Trigger: scan. Condition: the customer has not written for the grade's threshold (A 14, B 21,
 * C 30, D 45 days), and not yet for the churn warning's. Action: a reactivation task; it closes
 * when the customer writes, or gives way to the churn warning.
 */
record NoTwoWayContact(RuleSetting setting, Duration nextTier) implements ScanRule {
    static final String NAME = "no-two-way-contact";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Want> wanted(CustomerView c, Instant now, ZoneId zone) {
        Duration after = setting.afterByGrade().getOrDefault(c.company().grade(), setting.after());
        Instant last = c.lastTwoWayContact();
        if (!c.inActivePortfolio() || last == null || now.isBefore(last.plus(after))
                || nextTier != null && !now.isBefore(last.plus(nextTier))) {
            return List.of();
        }
        return List.of(Want.task(NAME, NAME + ":" + c.company().id() + ":" + last.toEpochMilli(), TaskType.REACTIVATE,
                NAME, c.company().name(), Long.toString(Duration.between(last, now).toDays()), Dates.day(last, zone)));
    }
}
