package io.genjin.followup.rules;

import io.genjin.store.customer.Grade;
import io.genjin.store.task.Priority;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The settings of every rule, under {@code genjin.followup.rules.<rule-name>}; the defaults are the
 * seeds' (3 days for a quote, 30 days of silence for a C customer, …).
 */
public record RuleSettings(RuleSetting quoteNoReply, RuleSetting showedIntent, RuleSetting sampleArrival,
        RuleSetting noTwoWayContact, RuleSetting churnWarning, RuleSetting careMail, RuleSetting dormantPool,
        RuleSetting inquiryUnanswered, RuleSetting negotiationStalled, RuleSetting stageTasks, RuleSetting contactLeft,
        RuleSetting contractExpiry) {

    public static final RuleSettings DEFAULTS = new RuleSettings(null, null, null, null, null, null, null, null, null,
            null, null, null);

    public RuleSettings {
        quoteNoReply = merge(quoteNoReply, RuleSetting.of(Duration.ofDays(3)), "quote-no-reply");
        showedIntent = merge(showedIntent, RuleSetting.of(null).priority(Priority.HIGH), "showed-intent");
        // after: how long after the expected arrival day to ask; transit when no arrival day is given is in days.
        sampleArrival = merge(sampleArrival, RuleSetting.of(Duration.ofDays(1)).days(List.of(7)), "sample-arrival");
        noTwoWayContact = merge(noTwoWayContact, RuleSetting.of(Duration.ofDays(30)).afterByGrade(Map.of(
                Grade.A, Duration.ofDays(14), Grade.B, Duration.ofDays(21), Grade.C, Duration.ofDays(30),
                Grade.D, Duration.ofDays(45))), "no-two-way-contact");
        churnWarning = merge(churnWarning, RuleSetting.of(Duration.ofDays(60)).priority(Priority.NORMAL), "churn-warning");
        careMail = merge(careMail, RuleSetting.of(Duration.ofDays(90)).priority(Priority.LOW), "care-mail");
        dormantPool = merge(dormantPool, RuleSetting.of(Duration.ofDays(182)), "dormant-pool");
        inquiryUnanswered = merge(inquiryUnanswered, RuleSetting.of(Duration.ofHours(24)).priority(Priority.HIGH),
                "inquiry-unanswered");
        negotiationStalled = merge(negotiationStalled, RuleSetting.of(Duration.ofDays(15)).ccManager(true),
                "negotiation-stalled");
        stageTasks = merge(stageTasks, RuleSetting.of(Duration.ofDays(2)), "stage-tasks");
        contactLeft = merge(contactLeft, RuleSetting.of(Duration.ofDays(3)), "contact-left");
        contractExpiry = merge(contractExpiry, RuleSetting.of(null).days(List.of(90, 60, 30)), "contract-expiry");
    }

    private static RuleSetting merge(RuleSetting given, RuleSetting defaults, String name) {
        return (given == null ? defaults : given).over(defaults, name);
    }
}
