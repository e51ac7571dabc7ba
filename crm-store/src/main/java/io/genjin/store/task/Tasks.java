package io.genjin.store.task;

import io.genjin.store.NotFound;
import io.genjin.store.access.CustomerAccess.Scope;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** Tasks. */
public class Tasks {
    private final MongoOperations mongo;

    public Tasks(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** Inserts the task, or returns the existing one with the same dedupe key. */
    public Task insert(Task task) {
        try {
            return mongo.insert(task);
        } catch (DuplicateKeyException duplicate) {
            return mongo.findOne(Query.query(Criteria.where("dedupeKey").is(task.dedupeKey())), Task.class);
        }
    }

    public Task save(Task task) {
        return mongo.save(task);
    }

    public Optional<Task> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Task.class));
    }

    public Task get(String id) {
        return find(id).orElseThrow(() -> new NotFound("task", id));
    }

    public List<Task> assignedTo(String userId, Collection<TaskStatus> statuses) {
        return mongo.find(Query.query(Criteria.where("assigneeId").is(userId).and("status").in(statuses))
                .with(Sort.by(Sort.Order.asc("dueAt"))), Task.class);
    }

    public List<Task> ofCompany(String companyId, Collection<TaskStatus> statuses) {
        return mongo.find(Query.query(Criteria.where("companyId").is(companyId).and("status").in(statuses))
                .with(Sort.by(Sort.Order.asc("dueAt"))), Task.class);
    }

    /** Tasks whose assignee is in the scope (a manager's team view). */
    public List<Task> inScope(Scope scope, Collection<TaskStatus> statuses, int limit) {
        Query query = Query.query(new Criteria().andOperator(scope.criteria("assigneeId"),
                Criteria.where("status").in(statuses))).with(Sort.by(Sort.Order.asc("dueAt"))).limit(limit);
        return mongo.find(query, Task.class);
    }

    public long moveAll(String fromCompanyId, String toCompanyId) {
        return mongo.updateMulti(Query.query(Criteria.where("companyId").is(fromCompanyId)),
                Update.update("companyId", toCompanyId), Task.class).getModifiedCount();
    }
}
