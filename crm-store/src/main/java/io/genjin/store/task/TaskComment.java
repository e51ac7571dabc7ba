package io.genjin.store.task;

import java.time.Instant;
import org.springframework.data.mongodb.core.mapping.Document;

/** A remark on a task ("customer is at a fair until Friday"), by one user. */
@Document("task_comments")
public record TaskComment(String id, String taskId, String authorId, String text, Instant at) {
}
