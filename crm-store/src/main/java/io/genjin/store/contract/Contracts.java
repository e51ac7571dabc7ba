package io.genjin.store.contract;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Customer contracts and agreements, for expiry reminders. */
public class Contracts {
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

    /** Every contract, read once in one pass (a scheduled scan). */
    public Stream<Contract> all() {
        return mongo.stream(new Query(), Contract.class);
    }
}
