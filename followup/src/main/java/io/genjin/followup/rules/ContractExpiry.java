package io.genjin.followup.rules;

import io.genjin.store.contract.Contract;
import io.genjin.store.task.TaskType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Trigger: scan. Condition: a contract ends within one of the reminder points (90, 60, 30 days).
 * Action: a renewal task for the nearest point reached; the earlier point's task gives way to it,
 * and a contract extended past the points closes its reminder.
 */
record ContractExpiry(RuleSetting setting) implements ScanRule {
    static final String NAME = "contract-expiry";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Want> wanted(CustomerView c, Instant now, ZoneId zone) {
        LocalDate today = now.atZone(zone).toLocalDate();
        List<Integer> points = setting.days().stream().sorted(Comparator.naturalOrder()).toList();
        List<Want> wanted = new ArrayList<>();
        for (Contract contract : c.contracts()) {
            if (contract.endsOn() == null) {
                continue;
            }
            long left = ChronoUnit.DAYS.between(today, contract.endsOn());
            points.stream().filter(p -> left >= 0 && left <= p).findFirst().ifPresent(point ->
                    wanted.add(Want.task(NAME, NAME + ":" + contract.id() + ":" + contract.endsOn() + ":" + point,
                            TaskType.FOLLOW_UP, NAME, c.company().name(), contract.title(), contract.endsOn().toString(),
                            Long.toString(left))));
        }
        return wanted;
    }
}
