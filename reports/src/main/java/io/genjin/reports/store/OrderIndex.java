package io.genjin.reports.store;

import io.genjin.store.order.Order;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The orders RFM reads (customer, amount, currency, date, status), kept in memory in date order as
 * the customers are ({@link Kept}), on every store: "the orders of the last year" is most of the
 * collection (100,000 documents), which the embedded server scans and any store sends whole at each
 * request.
 */
public class OrderIndex {
    private final Kept<List<Order>> kept;

    public OrderIndex(MongoOperations mongo, Clock clock, Duration maxAge) {
        this.kept = new Kept<>("orders", clock, maxAge, () -> {
            Query query = new Query();
            query.fields().include("companyId", "amount", "currency", "orderedAt", "status");
            List<Order> orders = new ArrayList<>();
            try (Stream<Order> all = mongo.stream(query, Order.class)) {
                all.filter(o -> o.orderedAt() != null).forEach(orders::add);
            }
            orders.sort(Comparator.comparing(Order::orderedAt));
            return List.copyOf(orders);
        });
    }

    /** Reads the first copy on the calling thread unless one is kept ({@link Kept#prime()}). */
    public void prime() {
        kept.prime();
    }

    /** The longest the copy served now may be behind the store ({@link Kept#staleness()}). */
    public Duration staleness() {
        return kept.staleness();
    }

    /** The longest any copy served so far may have been behind the store ({@link Kept#worstStaleness()}). */
    public Duration worstStaleness() {
        return kept.worstStaleness();
    }

    /**
     * The copy served now, oldest first: a new list each time the orders are read again, so that a
     * report computed from one copy may be kept until the copy changes (the RFM answer).
     */
    public List<Order> copy() {
        return kept.get().value();
    }

    /** The orders dated from {@code from} to {@code to}, both included, oldest first. */
    public List<Order> between(Instant from, Instant to) {
        return between(copy(), from, to);
    }

    /** The orders of {@code orders} (a {@link #copy()}) dated from {@code from} to {@code to}, both included. */
    public static List<Order> between(List<Order> orders, Instant from, Instant to) {
        int lo = 0;
        int hi = orders.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (orders.get(mid).orderedAt().isBefore(from)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        List<Order> out = new ArrayList<>();
        for (int i = lo; i < orders.size() && !orders.get(i).orderedAt().isAfter(to); i++) {
            out.add(orders.get(i));
        }
        return out;
    }
}
