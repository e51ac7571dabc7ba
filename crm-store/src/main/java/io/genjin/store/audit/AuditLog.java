package io.genjin.store.audit;

import io.genjin.store.Ids;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Append-only audit trail. */
public class AuditLog {
    private final MongoOperations mongo;
    private final Clock clock;

    public AuditLog(MongoOperations mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public AuditEntry record(String actorId, String action, String subjectType, String subjectId,
            Map<String, String> details) {
        return mongo.insert(new AuditEntry(Ids.newId(), clock.instant(), actorId, action, subjectType, subjectId, details));
    }

    public List<AuditEntry> about(String subjectType, String subjectId) {
        return mongo.find(Query.query(Criteria.where("subjectType").is(subjectType).and("subjectId").is(subjectId))
                .with(Sort.by(Sort.Direction.DESC, "at")), AuditEntry.class);
    }
}
