package io.genjin.followup.rules;

import io.genjin.store.task.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Trigger: scan. Condition: the customer has not written for {@code after} (60 days), and not yet
 * long enough for the dormant pool. Action: a win-back task (churn warning); it closes when the
 * customer writes, or when the customer moves to the dormant pool.
 */
record ChurnWarning(RuleSetting setting, Duration nextTier) implements ScanRule {
    static final String NAME = "churn-warning";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Want> wanted(CustomerView c, Instant now, ZoneId zone) {
        Instant last = c.lastTwoWayContact();
        if (!c.inActivePortfolio() || last == null || now.isBefore(last.plus(setting.after()))
                || nextTier != null && !now.isBefore(last.plus(nextTier))) {
            return List.of();
        }
        return List.of(Want.task(NAME, NAME + ":" + c.company().id() + ":" + last.toEpochMilli(), TaskType.REACTIVATE,
                NAME, c.company().name(), Long.toString(Duration.between(last, now).toDays()), Dates.day(last, zone)));
    }
}
