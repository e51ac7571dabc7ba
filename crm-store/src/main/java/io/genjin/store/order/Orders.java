package io.genjin.store.order;

import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** Orders and payments per customer. */
public class Orders {
    private final MongoOperations mongo;

    public Orders(MongoOperations mongo) {
        this.mongo = mongo;
    }

    public Order insert(Order order) {
        return mongo.insert(order);
    }

    public Payment insert(Payment payment) {
        return mongo.insert(payment);
    }

    public List<Order> ofCompany(String companyId) {
        return mongo.find(Query.query(Criteria.where("companyId").is(companyId))
                .with(Sort.by(Sort.Direction.DESC, "orderedAt")), Order.class);
    }

    public List<Payment> paymentsOf(String companyId) {
        return mongo.find(Query.query(Criteria.where("companyId").is(companyId))
                .with(Sort.by(Sort.Direction.DESC, "paidAt")), Payment.class);
    }

    public void moveAll(String fromCompanyId, String toCompanyId) {
        Query query = Query.query(Criteria.where("companyId").is(fromCompanyId));
        mongo.updateMulti(query, Update.update("companyId", toCompanyId), Order.class);
        mongo.updateMulti(query, Update.update("companyId", toCompanyId), Payment.class);
    }
}
