package io.genjin.followup.rules;

import io.genjin.store.task.TaskType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Trigger: scan. Condition: a new inquiry arrived {@code after} ago (24 hours) and the team has
 * not written to the customer since. Action: an alert task; it closes when someone answers.
 */
record InquiryUnanswered(RuleSetting setting) implements ScanRule {
    static final String NAME = "inquiry-unanswered";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Want> wanted(CustomerView c, Instant now, ZoneId zone) {
        Instant asked = c.facts().lastInquiryAt();
        Instant answered = c.lastAnswer();
        if (asked == null || answered != null && !answered.isBefore(asked) || now.isBefore(asked.plus(setting.after()))) {
            return List.of();
        }
        return List.of(Want.task(NAME, NAME + ":" + c.company().id() + ":" + asked.toEpochMilli(), TaskType.EMAIL, NAME,
                c.company().name(), Dates.day(asked, zone)));
    }
}
