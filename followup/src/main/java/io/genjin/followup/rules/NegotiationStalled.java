package io.genjin.followup.rules;

import io.genjin.store.opportunity.Opportunity;
import io.genjin.store.opportunity.StageChange;
import io.genjin.store.task.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Trigger: scan. Condition: an opportunity has been in negotiation with no activity (no mail either
 * way, no change to the deal) for {@code after} (15 days). Action: a task for the owner, copied to
 * the owner's manager; it closes on new activity or when the deal leaves negotiation.
 */
record NegotiationStalled(RuleSetting setting) implements ScanRule {
    static final String NAME = "negotiation-stalled";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Want> wanted(CustomerView c, Instant now, ZoneId zone) {
        List<Want> wanted = new ArrayList<>();
        for (Opportunity deal : c.negotiations()) {
            Instant last = CustomerView.later(deal.updatedAt(), CustomerView.later(c.company().lastInboundAt(),
                    c.company().lastOutboundAt()));
            for (StageChange change : deal.stageHistory()) {
                last = CustomerView.later(last, change.at());
            }
            if (last != null && !now.isBefore(last.plus(setting.after()))) {
                wanted.add(Want.task(NAME, NAME + ":" + deal.id() + ":" + last.toEpochMilli(), TaskType.FOLLOW_UP, NAME,
                        c.company().name(), deal.name(), Long.toString(Duration.between(last, now).toDays())));
            }
        }
        return wanted;
    }
}
