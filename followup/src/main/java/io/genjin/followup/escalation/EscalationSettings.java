package io.genjin.followup.escalation;

import io.genjin.store.customer.Grade;
import io.genjin.store.task.Priority;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * When an overdue task goes up the line.
 *
 * @param enabled    on or off
 * @param grace      how long past its due time a task may be before it goes to the owner's manager
 * @param nextLevel  how long after that, still open, before it goes one level further up
 * @param grades     customer grades whose overdue tasks escalate (any priority)
 * @param priorities task priorities that escalate on any customer
 */
public record EscalationSettings(Boolean enabled, Duration grace, Duration nextLevel, Set<Grade> grades,
        Set<Priority> priorities) {

    public static final EscalationSettings DEFAULTS = new EscalationSettings(null, null, null, null, null);

    public EscalationSettings {
        enabled = enabled == null || enabled;
        grace = grace == null ? Duration.ofHours(24) : grace;
        nextLevel = nextLevel == null ? Duration.ofHours(48) : nextLevel;
        grades = grades == null ? EnumSet.of(Grade.A) : Set.copyOf(grades);
        priorities = priorities == null ? EnumSet.of(Priority.HIGH) : Set.copyOf(priorities);
        if (grace.isNegative() || nextLevel.isNegative() || nextLevel.isZero()) {
            throw new IllegalArgumentException("genjin.followup.escalation.grace must not be negative and next-level must be positive");
        }
    }

    public boolean escalates(Priority priority, Grade grade) {
        return enabled && (priorities.contains(priority) || grade != null && grades.contains(grade));
    }
}
