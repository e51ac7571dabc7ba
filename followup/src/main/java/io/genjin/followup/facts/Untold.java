package io.genjin.followup.facts;

import io.genjin.store.BulkInsert;
import io.genjin.store.task.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The tasks a scan raised whose assignees it has not told yet ({@code followup_untold}). A scan
 * tells everyone at its end; an entry is written before its task, and removed once the assignee was
 * told, so a scan that died on the way (a crash, SIGKILL) leaves here exactly what the next scan
 * still has to finish: the task's timeline line and facts, and the telling.
 */
public class Untold {
    private static final int CHUNK = 1_000;
    private final MongoOperations mongo;

    public Untold(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** Before the tasks are inserted. */
    public void expect(List<Task> tasks) {
        BulkInsert.skippingDuplicates(mongo, Entry.class,
                tasks.stream().map(t -> new Entry(t.id(), t.companyId(), t.originRule(), t.createdAt())).toList());
    }

    /** Everything a scan left behind, oldest first. */
    public List<Entry> all() {
        return mongo.findAll(Entry.class).stream().sorted(java.util.Comparator.comparing(Entry::raisedAt,
                java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))).toList();
    }

    /** The assignees of these tasks were told (or there is nothing to tell: the task never went in). */
    public void told(Collection<String> taskIds) {
        List<String> ids = new ArrayList<>(taskIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            mongo.remove(Query.query(Criteria.where("_id").in(ids.subList(from, Math.min(ids.size(), from + CHUNK)))),
                    Entry.class);
        }
    }

    /** One task waiting to be told: its id, customer and rule. */
    @Document("followup_untold")
    public record Entry(@Id String taskId, String companyId, String rule, Instant raisedAt) {
    }
}
