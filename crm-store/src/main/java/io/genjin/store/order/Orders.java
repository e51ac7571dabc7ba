package io.genjin.store.order;

import java.util.List;
import java.util.stream.Stream;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** Orders and payments per customer. */
public class Orders {
    private final MongoOperations mongo;
    private final boolean embedded;

    public Orders(MongoOperations mongo) {
        this(mongo, false);
    }

    /** @param embedded on the embedded server: whole-collection reads go page by page ({@link io.genjin.store.OnePass}) */
    public Orders(MongoOperations mongo, boolean embedded) {
        this.mongo = mongo;
        this.embedded = embedded;
    }

    /** Every order, in one pass that holds a page at a time (an export), in the store's order. Close the stream. */
    public Stream<Order> streamAll() {
        return io.genjin.store.OnePass.of(mongo, new Query(), Order.class, embedded);
    }

    /** Every payment, read once in one pass (a scheduled recompute). */
    public Stream<Payment> streamPayments() {
        return io.genjin.store.OnePass.of(mongo, new Query(), Payment.class, embedded);
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

    public java.util.Optional<Order> find(String id) {
        return java.util.Optional.ofNullable(mongo.findById(id, Order.class));
    }

    public Order save(Order order) {
        return mongo.save(order);
    }

    /**
     * Every confirmed order's customer and date, read once in one pass (a scheduled scan). A PI that
     * was only sent is not an order yet, so it does not reset "days since the last order".
     */
    public Stream<Order> streamDates() {
        Query query = Query.query(Criteria.where("status").ne(OrderStatus.PI_SENT));
        query.fields().include("companyId", "orderedAt");
        return mongo.stream(query, Order.class);
    }

    public void moveAll(String fromCompanyId, String toCompanyId) {
        Query query = Query.query(Criteria.where("companyId").is(fromCompanyId));
        mongo.updateMulti(query, Update.update("companyId", toCompanyId), Order.class);
        mongo.updateMulti(query, Update.update("companyId", toCompanyId), Payment.class);
    }

    /**
     * Moves one order to another company. Returns false, moving nothing, when that company already has
     * an order with the same number (the unique (companyId, number) index refuses it).
     */
    public boolean moveOne(String orderId, String toCompanyId) {
        try {
            mongo.updateFirst(Query.query(Criteria.where("id").is(orderId)), Update.update("companyId", toCompanyId),
                    Order.class);
            return true;
        } catch (DuplicateKeyException duplicate) {
            return false;
        }
    }

    public long movePayments(String fromCompanyId, String toCompanyId) {
        return mongo.updateMulti(Query.query(Criteria.where("companyId").is(fromCompanyId)),
                Update.update("companyId", toCompanyId), Payment.class).getModifiedCount();
    }
}
