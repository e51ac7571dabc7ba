package io.genjin.store.opportunity;

import io.genjin.store.NotFound;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import io.genjin.store.customer.Stage;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** Opportunities per customer. */
public class Opportunities {
    private final MongoOperations mongo;

    public Opportunities(MongoOperations mongo) {
        this.mongo = mongo;
    }

    public Opportunity insert(Opportunity opportunity) {
        return mongo.insert(opportunity);
    }

    /** Saves with optimistic locking, so two stage moves at once cannot silently overwrite each other. */
    public Opportunity save(Opportunity opportunity) {
        return mongo.save(opportunity);
    }

    public Optional<Opportunity> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Opportunity.class));
    }

    public Opportunity get(String id) {
        return find(id).orElseThrow(() -> new NotFound("opportunity", id));
    }

    public List<Opportunity> ofCompany(String companyId) {
        return mongo.find(Query.query(Criteria.where("companyId").is(companyId))
                .with(Sort.by(Sort.Direction.DESC, "createdAt")), Opportunity.class);
    }

    /** Every opportunity in the stage, read once in one pass (a scheduled scan). */
    public Stream<Opportunity> streamInStage(Stage stage) {
        return mongo.stream(Query.query(Criteria.where("stage").is(stage)), Opportunity.class);
    }

    public long moveAll(String fromCompanyId, String toCompanyId) {
        return mongo.updateMulti(Query.query(Criteria.where("companyId").is(fromCompanyId)),
                Update.update("companyId", toCompanyId), Opportunity.class).getModifiedCount();
    }
}
