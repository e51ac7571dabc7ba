package io.genjin.followup.rules;

import io.genjin.store.task.TaskType;
import java.time.Instant;
import java.util.List;

/**
 * What a rule wants to exist now for a customer: a task identified by its dedupe key (rule ×
 * customer × period), or, for the dormant pool, the customer moved into it.
 *
 * @param titleKey  message key of the task title ({@code followup.task.<titleKey>}); {@code args} fill it
 * @param dueAt     when the task is due; null: {@code genjin.followup.task-due-in} from now
 */
public record Want(String rule, String dedupeKey, TaskType type, String titleKey, List<String> args, Instant dueAt,
        boolean moveToDormantPool) {

    public Want {
        args = List.copyOf(args);
    }

    public static Want task(String rule, String dedupeKey, TaskType type, String titleKey, String... args) {
        return new Want(rule, dedupeKey, type, titleKey, List.of(args), null, false);
    }

    public Want dueAt(Instant at) {
        return new Want(rule, dedupeKey, type, titleKey, args, at, moveToDormantPool);
    }
}
