package io.genjin.store.task;

import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Comments on tasks, oldest first. */
public class TaskComments {
    private final MongoOperations mongo;

    public TaskComments(MongoOperations mongo) {
        this.mongo = mongo;
    }

    public TaskComment insert(TaskComment comment) {
        return mongo.insert(comment);
    }

    /** The comments of these tasks, in one query (a task list shows them all). */
    public List<TaskComment> of(Collection<String> taskIds) {
        if (taskIds.isEmpty()) {
            return List.of();
        }
        return mongo.find(Query.query(Criteria.where("taskId").in(taskIds)).with(Sort.by("at")), TaskComment.class);
    }
}
