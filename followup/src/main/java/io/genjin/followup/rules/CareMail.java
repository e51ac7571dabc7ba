package io.genjin.followup.rules;

import io.genjin.store.customer.Stage;
import io.genjin.store.task.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Trigger: scan. Condition: a customer who has ordered before has not ordered for {@code after}
 * (90 days). Action: a task suggesting a care email; it closes when a new order is recorded.
 */
record CareMail(RuleSetting setting) implements ScanRule {
    static final String NAME = "care-mail";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Want> wanted(CustomerView c, Instant now, ZoneId zone) {
        Instant ordered = c.lastOrderAt();
        if (ordered == null || c.company().dormant() || c.company().stage() == Stage.LOST || c.company().ownerId() == null
                || now.isBefore(ordered.plus(setting.after()))) {
            return List.of();
        }
        return List.of(Want.task(NAME, NAME + ":" + c.company().id() + ":" + ordered.toEpochMilli(), TaskType.EMAIL, NAME,
                c.company().name(), Long.toString(Duration.between(ordered, now).toDays()), Dates.day(ordered, zone)));
    }
}
