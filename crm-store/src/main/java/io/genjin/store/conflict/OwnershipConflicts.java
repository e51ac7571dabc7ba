package io.genjin.store.conflict;

import io.genjin.store.Ids;
import io.genjin.store.access.CustomerAccess.Scope;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** Ownership conflicts, one per company and claimant. */
public class OwnershipConflicts {
    private final MongoOperations mongo;

    public OwnershipConflicts(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** Records the conflict unless it is already on record; returns the one on record. */
    public OwnershipConflict record(String companyId, String ownerId, String claimantId, String messageId, Instant at) {
        try {
            return mongo.insert(new OwnershipConflict(Ids.newId(), companyId, ownerId, claimantId, messageId, at, null, null));
        } catch (DuplicateKeyException duplicate) {
            return mongo.findOne(Query.query(Criteria.where("companyId").is(companyId).and("claimantId").is(claimantId)),
                    OwnershipConflict.class);
        }
    }

    public List<OwnershipConflict> open(Scope scope) {
        Query query = Query.query(new Criteria().andOperator(
                new Criteria().orOperator(scope.criteria("ownerId"), scope.criteria("claimantId")),
                Criteria.where("resolvedAt").isNull())).with(Sort.by(Sort.Direction.DESC, "detectedAt"));
        return mongo.find(query, OwnershipConflict.class);
    }

    public void resolve(String id, String resolution, Instant at) {
        mongo.updateFirst(Query.query(Criteria.where("id").is(id)),
                Update.update("resolvedAt", at).set("resolution", resolution), OwnershipConflict.class);
    }
}
