package io.genjin.store.task;

import io.genjin.store.CrmStore;
import io.genjin.store.Ids;

/** Adds a comment to a task, kept with the task for whoever works on it next. */
public class CommentOnTask {
    private static final int MAX_LENGTH = 2000;
    private final CrmStore store;

    public CommentOnTask(CrmStore store) {
        this.store = store;
    }

    public TaskComment comment(Task task, String text, String authorId) {
        if (text == null || text.isBlank()) {
            throw new io.genjin.store.Invalid("A comment needs some text.");
        }
        if (text.length() > MAX_LENGTH) {
            throw new io.genjin.store.Invalid("A comment is at most " + MAX_LENGTH + " characters.");
        }
        return store.taskComments().insert(new TaskComment(Ids.newId(), task.id(), authorId, text.trim(),
                store.clock().instant()));
    }
}
