package io.genjin.store.conflict;

import io.genjin.store.Ids;
import io.genjin.store.access.CustomerAccess.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    public Optional<OwnershipConflict> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(mongo.findById(id, OwnershipConflict.class));
    }

    /** Every conflict about this company, open and resolved, newest first. */
    public List<OwnershipConflict> ofCompany(String companyId) {
        return mongo.find(Query.query(Criteria.where("companyId").is(companyId))
                .with(Sort.by(Sort.Direction.DESC, "detectedAt")), OwnershipConflict.class);
    }

    public List<OwnershipConflict> openOf(String companyId) {
        return ofCompany(companyId).stream().filter(OwnershipConflict::open).toList();
    }

    /**
     * Closes the conflict while it is still open; false when someone resolved it first (the update
     * matches only an open one, so two managers deciding at once cannot both win).
     */
    public boolean resolve(String id, String resolution, Instant at) {
        return mongo.updateFirst(Query.query(Criteria.where("id").is(id).and("resolvedAt").isNull()),
                Update.update("resolvedAt", at).set("resolution", resolution), OwnershipConflict.class)
                .getModifiedCount() > 0;
    }

    /**
     * A company merge: the conflict now concerns the survivor, whose owner it is about. False, moving
     * nothing, when the survivor already has one with this claimant (unique per company and claimant).
     */
    public boolean moveOne(String id, String toCompanyId, String ownerId) {
        try {
            mongo.updateFirst(Query.query(Criteria.where("id").is(id)),
                    Update.update("companyId", toCompanyId).set("ownerId", ownerId), OwnershipConflict.class);
            return true;
        } catch (DuplicateKeyException duplicate) {
            return false;
        }
    }
}
