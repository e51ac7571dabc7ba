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
    private final io.genjin.store.RecordChanges changes;

    /** @param embedded on the embedded server: whole-collection reads go page by page ({@link io.genjin.store.OnePass}) */
    /** With the store's one {@link io.genjin.store.RecordChanges}, whose listeners hear of every mark. */
    public Orders(MongoOperations mongo, boolean embedded, io.genjin.store.RecordChanges changes) {
        this.mongo = mongo;
        this.embedded = embedded;
        this.changes = changes;
        this.orderIndex = embedded ? new io.genjin.store.KeyIndex(mongo, mongo.getCollectionName(Order.class), "companyId", k -> k)
                : null;
        this.paymentIndex = embedded
                ? new io.genjin.store.KeyIndex(mongo, mongo.getCollectionName(Payment.class), "companyId", k -> k) : null;
    }

    /** Non-null on the embedded store only: orders and payments by customer ({@link io.genjin.store.KeyIndex}). */
    private final io.genjin.store.KeyIndex orderIndex;
    private final io.genjin.store.KeyIndex paymentIndex;

    /**
     * A filter that selects at least the orders of these customers, for a raw read that re-checks
     * {@code companyId}: by id through the in-process index on the embedded store (which would otherwise
     * read every order), by {@code companyId} on MongoDB.
     */
    public org.bson.Document orderFilter(java.util.Collection<String> companyIds) {
        return io.genjin.store.KeyIndex.filter(orderIndex, "companyId", companyIds);
    }

    /** Fills the in-process indexes by customer now (embedded store; one pass each) rather than at first use. */
    public void primeIndexes() {
        if (orderIndex != null) {
            orderIndex.prime();
            paymentIndex.prime();
        }
    }

    /** {@link #orderFilter} for payments. */
    public org.bson.Document paymentFilter(java.util.Collection<String> companyIds) {
        return io.genjin.store.KeyIndex.filter(paymentIndex, "companyId", companyIds);
    }

    private void indexed(io.genjin.store.KeyIndex index, String id, String companyId) {
        if (index != null && id != null && companyId != null) {
            index.add(id, List.of(companyId));
        }
    }

    /** Before moving a customer's orders or payments: each of them is indexed under the other customer too. */
    private void indexedMove(io.genjin.store.KeyIndex index, String from, String to) {
        if (index != null && from != null && to != null) {
            index.candidates(from).forEach(id -> index.add(id, List.of(to)));
        }
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
        indexed(orderIndex, order.id(), order.companyId());
        Order saved = mongo.insert(order);
        changes.mark(saved.companyId());
        return saved;
    }

    public Payment insert(Payment payment) {
        indexed(paymentIndex, payment.id(), payment.companyId());
        Payment saved = mongo.insert(payment);
        changes.mark(saved.companyId());
        return saved;
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
        indexed(orderIndex, order.id(), order.companyId());
        Order saved = mongo.save(order);
        changes.mark(saved.companyId());
        return saved;
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
        indexedMove(orderIndex, fromCompanyId, toCompanyId);
        indexedMove(paymentIndex, fromCompanyId, toCompanyId);
        mongo.updateMulti(query, Update.update("companyId", toCompanyId), Order.class);
        mongo.updateMulti(query, Update.update("companyId", toCompanyId), Payment.class);
        changes.mark(fromCompanyId, toCompanyId);
    }

    /**
     * Moves one order to another company. Returns false, moving nothing, when that company already has
     * an order with the same number (the unique (companyId, number) index refuses it).
     */
    public boolean moveOne(String orderId, String toCompanyId) {
        try {
            String from = find(orderId).map(Order::companyId).orElse(null);
            indexed(orderIndex, orderId, toCompanyId);
            mongo.updateFirst(Query.query(Criteria.where("id").is(orderId)), Update.update("companyId", toCompanyId),
                    Order.class);
            changes.mark(from, toCompanyId);
            return true;
        } catch (DuplicateKeyException duplicate) {
            return false;
        }
    }

    public long movePayments(String fromCompanyId, String toCompanyId) {
        indexedMove(paymentIndex, fromCompanyId, toCompanyId);
        long moved = mongo.updateMulti(Query.query(Criteria.where("companyId").is(fromCompanyId)),
                Update.update("companyId", toCompanyId), Payment.class).getModifiedCount();
        changes.mark(fromCompanyId, toCompanyId);
        return moved;
    }
}
