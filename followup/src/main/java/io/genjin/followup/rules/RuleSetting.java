package io.genjin.followup.rules;

import io.genjin.store.customer.Grade;
import io.genjin.store.task.Priority;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One rule's settings. Every rule has the first four; a rule reads the thresholds it needs and
 * ignores the others. A field left unset takes the rule's default.
 *
 * @param enabled       on or off
 * @param grades        the customer grades the rule applies to
 * @param assignee      who gets the task
 * @param priority      the task's priority (HIGH tasks escalate when overdue)
 * @param after         the rule's threshold (3 days for a quote without reply, …)
 * @param afterByGrade  a threshold per customer grade, where the rule has one (no two-way contact)
 * @param days          reminder points in days before an end date (contract expiry)
 * @param ccManager     also notify the assignee's manager
 */
public record RuleSetting(Boolean enabled, Set<Grade> grades, Assignee assignee, Priority priority, Duration after,
        Map<Grade, Duration> afterByGrade, List<Integer> days, Boolean ccManager) {

    public RuleSetting {
        grades = grades == null ? null : Set.copyOf(grades);
        afterByGrade = afterByGrade == null ? null : Map.copyOf(afterByGrade);
        days = days == null ? null : List.copyOf(days);
    }

    static RuleSetting of(Duration after) {
        return new RuleSetting(true, EnumSet.allOf(Grade.class), Assignee.OWNER, Priority.NORMAL, after, Map.of(), List.of(),
                false);
    }

    RuleSetting priority(Priority p) {
        return new RuleSetting(enabled, grades, assignee, p, after, afterByGrade, days, ccManager);
    }

    RuleSetting afterByGrade(Map<Grade, Duration> byGrade) {
        return new RuleSetting(enabled, grades, assignee, priority, after, byGrade, days, ccManager);
    }

    RuleSetting days(List<Integer> d) {
        return new RuleSetting(enabled, grades, assignee, priority, after, afterByGrade, d, ccManager);
    }

    RuleSetting ccManager(boolean cc) {
        return new RuleSetting(enabled, grades, assignee, priority, after, afterByGrade, days, cc);
    }

    /** This setting with every unset field taken from the rule's defaults, checked. */
    RuleSetting over(RuleSetting defaults, String name) {
        RuleSetting merged = new RuleSetting(
                enabled != null ? enabled : defaults.enabled,
                grades != null ? grades : defaults.grades,
                assignee != null ? assignee : defaults.assignee,
                priority != null ? priority : defaults.priority,
                after != null ? after : defaults.after,
                afterByGrade != null ? afterByGrade : defaults.afterByGrade,
                days != null ? days : defaults.days,
                ccManager != null ? ccManager : defaults.ccManager);
        String prefix = "genjin.followup.rules." + name + ".";
        if (merged.after != null && merged.after.isNegative()) {
            throw new IllegalArgumentException(prefix + "after must not be negative");
        }
        merged.afterByGrade.forEach((grade, d) -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(prefix + "after-by-grade." + grade + " must be positive");
            }
        });
        if (merged.days.stream().anyMatch(d -> d == null || d <= 0)) {
            throw new IllegalArgumentException(prefix + "days must all be positive");
        }
        return merged;
    }

    public boolean appliesTo(Grade grade) {
        return enabled && grades.contains(grade);
    }

    public boolean isEnabled() {
        return enabled;
    }
}
