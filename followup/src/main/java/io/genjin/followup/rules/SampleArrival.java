package io.genjin.followup.rules;

import io.genjin.store.customer.Company;
import io.genjin.store.events.SampleShipped;
import io.genjin.store.task.TaskType;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Trigger: {@code SampleShipped}. Condition: the rule is on for the customer's grade. Action: a task
 * due {@code after} (1 day) past the expected arrival — or, with no arrival day given, past shipping
 * plus {@code days[0]} (7) days of transit — to check the samples arrived and ask for feedback.
 */
record SampleArrival(RuleSetting setting) implements Rule {
    static final String NAME = "sample-arrival";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String trigger() {
        return "SampleShipped";
    }

    Want on(SampleShipped shipped, Company company, ZoneId zone) {
        LocalDate arrival = shipped.expectedArrival() != null ? shipped.expectedArrival()
                : shipped.occurredAt().atZone(zone).toLocalDate().plusDays(setting.days().isEmpty() ? 7 : setting.days().get(0));
        // Ten in the morning of the day after arrival: when the salesperson can reasonably ring.
        return Want.task(NAME, NAME + ":" + shipped.activityId(), TaskType.SAMPLE, NAME, company.name(),
                        shipped.description() == null ? "" : shipped.description(), arrival.toString())
                .dueAt(arrival.atStartOfDay(zone).plus(setting.after()).plusHours(10).toInstant());
    }
}
