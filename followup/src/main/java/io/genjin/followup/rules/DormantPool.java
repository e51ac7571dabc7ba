package io.genjin.followup.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Trigger: scan. Condition: the customer has not written for {@code after} (6 months). Action: the
 * customer moves to the dormant pool (its owner is told); it leaves the pool when it writes again.
 */
record DormantPool(RuleSetting setting) implements ScanRule {
    static final String NAME = "dormant-pool";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Want> wanted(CustomerView c, Instant now, ZoneId zone) {
        Instant last = c.lastTwoWayContact();
        if (!c.inActivePortfolio() || last == null || now.isBefore(last.plus(setting.after()))) {
            return List.of();
        }
        return List.of(new Want(NAME, NAME + ":" + c.company().id() + ":" + last.toEpochMilli(), null, NAME,
                List.of(c.company().name(), Dates.day(last, zone)), null, true));
    }
}
