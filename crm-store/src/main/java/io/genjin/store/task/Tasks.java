package io.genjin.store.task;

import io.genjin.store.NotFound;
import io.genjin.store.access.CustomerAccess.Scope;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.time.Instant;
import java.util.stream.Stream;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** Tasks. */
public class Tasks {
    private final MongoOperations mongo;
    private final io.genjin.store.CompareAndSet cas;
    private final io.genjin.store.RecordChanges changes;

    /** @param embedded the embedded store (conditional updates by id, see {@link io.genjin.store.CompareAndSet}) */
    /** With the store's one {@link io.genjin.store.RecordChanges}, whose listeners hear of every mark. */
    public Tasks(MongoOperations mongo, boolean embedded, io.genjin.store.RecordChanges changes) {
        this.mongo = mongo;
        this.cas = new io.genjin.store.CompareAndSet(mongo, embedded);
        this.changes = changes;
        this.byCompany = embedded ? new io.genjin.store.KeyIndex(mongo, mongo.getCollectionName(Task.class), "companyId", k -> k)
                : null;
    }

    /** Non-null on the embedded store only: tasks by customer ({@link io.genjin.store.KeyIndex}). */
    private final io.genjin.store.KeyIndex byCompany;

    /**
     * A filter that selects at least the tasks of these customers, for a raw read that re-checks
     * {@code companyId} (and the status): by id through the in-process index on the embedded store,
     * by {@code companyId} on MongoDB.
     */
    public org.bson.Document companyFilter(Collection<String> companyIds) {
        return io.genjin.store.KeyIndex.filter(byCompany, "companyId", companyIds);
    }

    /** Fills the in-process index by customer now (embedded store; one pass) rather than at first use. */
    public void primeIndex() {
        if (byCompany != null) {
            byCompany.prime();
        }
    }

    private void indexed(Task task) {
        if (byCompany != null && task.id() != null && task.companyId() != null) {
            byCompany.add(task.id(), List.of(task.companyId()));
        }
    }

    /** Inserts the task, or returns the existing one with the same dedupe key. */
    public Task insert(Task task) {
        indexed(task);
        try {
            Task saved = mongo.insert(task);
            changes.mark(saved.companyId());
            return saved;
        } catch (DuplicateKeyException duplicate) {
            return mongo.findOne(Query.query(Criteria.where("dedupeKey").is(task.dedupeKey())), Task.class);
        }
    }

    public Task save(Task task) {
        indexed(task);
        Task saved = mongo.save(task);
        changes.mark(saved.companyId());
        return saved;
    }

    public Optional<Task> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Task.class));
    }

    /** The tasks with these ids that exist, in no particular order. */
    public List<Task> findAll(Collection<String> ids) {
        return ids.isEmpty() ? List.of() : mongo.find(Query.query(Criteria.where("id").in(ids)), Task.class);
    }

    public Task get(String id) {
        return find(id).orElseThrow(() -> new NotFound("task", id));
    }

    public List<Task> assignedTo(String userId, Collection<TaskStatus> statuses) {
        return mongo.find(Query.query(Criteria.where("assigneeId").is(userId).and("status").in(statuses))
                .with(Sort.by(Sort.Order.asc("dueAt"))), Task.class);
    }

    /** Open tasks of this priority assigned to the user (the live badge on "My tasks"). */
    public long countOpen(String userId, Priority priority) {
        return mongo.count(Query.query(Criteria.where("assigneeId").is(userId).and("status").is(TaskStatus.OPEN)
                .and("priority").is(priority)), Task.class);
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

    /** Inserts many tasks in one round trip; returns those that went in (a dedupe key already taken skips its task). */
    public List<Task> insertAll(List<Task> tasks) {
        tasks.forEach(this::indexed);
        List<Task> saved = io.genjin.store.BulkInsert.skippingDuplicates(mongo, Task.class, tasks);
        changes.mark(saved.stream().map(Task::companyId).distinct().toList());
        return saved;
    }

    /** Every open task, read once in one pass (a scheduled scan); with {@code fields}, only those are read. */
    public Stream<Task> streamOpen(String... fields) {
        Query query = Query.query(Criteria.where("status").is(TaskStatus.OPEN));
        if (fields.length > 0) {
            query.fields().include(fields).include("status");
        }
        return mongo.stream(query, Task.class);
    }

    /**
     * Closes the task if it is still open, atomically: when a person and a rule close it at once, the
     * first one wins and the other changes nothing. Returns the closed task, or empty.
     */
    public Optional<Task> closeIfOpen(String id, TaskStatus status, String reason, Instant at) {
        Optional<Task> closed = cas.apply(Task.class, id, Criteria.where("status").is(TaskStatus.OPEN),
                t -> t.status() == TaskStatus.OPEN,
                new Update().set("status", status).set("closedAt", at).set("closedReason", reason).inc("version", 1));
        closed.ifPresent(t -> changes.mark(t.companyId()));
        return closed;
    }

    /**
     * Raises the task's escalation from {@code fromLevel} to {@code next}, atomically, so two
     * replicas (or a re-run) escalate it once. Returns the escalated task, or empty.
     */
    public Optional<Task> escalate(String id, int fromLevel, Escalation next) {
        return escalateAll(List.of(new EscalationStep(id, fromLevel, next))).stream().findFirst();
    }

    /** One task's escalation from one level to the next. */
    public record EscalationStep(String taskId, int fromLevel, Escalation next) {
    }

    /** {@link #escalate} for many tasks at once (a scan's overdue tasks); returns the escalated ones, in order. */
    public List<Task> escalateAll(List<EscalationStep> steps) {
        return cas.applyAll(Task.class, Task::id, steps.stream().map(s -> new io.genjin.store.CompareAndSet.Change<Task>(
                s.taskId(), Criteria.where("status").is(TaskStatus.OPEN).and("escalation.level").is(s.fromLevel()),
                t -> t.status() == TaskStatus.OPEN && t.escalation().level() == s.fromLevel(),
                new Update().set("escalation", s.next()).inc("version", 1))).toList());
    }

    public long moveAll(String fromCompanyId, String toCompanyId) {
        if (byCompany != null && fromCompanyId != null && toCompanyId != null) {
            byCompany.candidates(fromCompanyId).forEach(id -> byCompany.add(id, List.of(toCompanyId)));
        }
        long moved = mongo.updateMulti(Query.query(Criteria.where("companyId").is(fromCompanyId)),
                Update.update("companyId", toCompanyId), Task.class).getModifiedCount();
        changes.mark(fromCompanyId, toCompanyId);
        return moved;
    }
}
