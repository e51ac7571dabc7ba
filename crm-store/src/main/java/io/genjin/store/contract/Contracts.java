package io.genjin.store.contract;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import io.genjin.store.linking.CustomerRecords;

/**
 * Customer contracts and agreements, for expiry reminders. Kept outside {@code CrmStore} (the
 * follow-up rules own them), so they take part in a company merge as {@link CustomerRecords}.
 */
public class Contracts implements CustomerRecords {
    private final MongoOperations mongo;

    public Contracts(MongoOperations mongo) {
        this.mongo = mongo;
    }

    public Contract insert(Contract contract) {
        return mongo.insert(contract);
    }

    public Contract save(Contract contract) {
        return mongo.save(contract);
    }

    public Optional<Contract> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Contract.class));
    }

    public List<Contract> ofCompany(String companyId) {
        return mongo.find(Query.query(Criteria.where("companyId").is(companyId)).with(Sort.by("endsOn")), Contract.class);
    }

    @Override
    public String kind() {
        return "contracts";
    }

    @Override
    public long count(String companyId) {
        return mongo.count(Query.query(Criteria.where("companyId").is(companyId)), Contract.class);
    }

    @Override
    public long move(String fromCompanyId, String toCompanyId) {
        return mongo.updateMulti(Query.query(Criteria.where("companyId").is(fromCompanyId)),
                Update.update("companyId", toCompanyId), Contract.class).getModifiedCount();
    }

    /** Every contract, read once in one pass (a scheduled scan). */
    public Stream<Contract> all() {
        return mongo.stream(new Query(), Contract.class);
    }
}
