package io.genjin.store.task;

import java.time.Instant;

/** How far an overdue task has been escalated: level 1 is the owner's manager, 2 the next one up. */
public record Escalation(int level, String escalatedToId, Instant escalatedAt) {
    public static final Escalation NONE = new Escalation(0, null, null);
}
