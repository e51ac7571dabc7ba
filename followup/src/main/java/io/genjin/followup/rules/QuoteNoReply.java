package io.genjin.followup.rules;

import io.genjin.store.task.TaskType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Trigger: scan. Condition: a quotation went out {@code after} ago (3 days) and nobody at the customer
 * has written since. Action: a follow-up task for the owner; it closes when the customer replies.
 */
record QuoteNoReply(RuleSetting setting) implements ScanRule {
    static final String NAME = "quote-no-reply";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Want> wanted(CustomerView c, Instant now, ZoneId zone) {
        Instant quoted = c.facts().lastQuoteAt();
        Instant replied = c.facts().lastReplyAt();
        if (quoted == null || replied != null && !replied.isBefore(quoted) || now.isBefore(quoted.plus(setting.after()))) {
            return List.of();
        }
        return List.of(Want.task(NAME, NAME + ":" + c.company().id() + ":" + quoted.toEpochMilli(), TaskType.FOLLOW_UP,
                NAME, c.company().name(), Dates.day(quoted, zone)));
    }
}
