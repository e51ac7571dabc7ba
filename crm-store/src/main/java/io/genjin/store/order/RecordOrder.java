package io.genjin.store.order;

import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;

/**
 * Records an order or a proforma invoice on a customer and puts it on the timeline. A confirmed
 * one feeds the order-based follow-up rules (care mail after days without an order, RFM) through
 * {@link Orders#streamDates()}. The caller has checked that the actor may see the customer.
 */
public class RecordOrder {
    private final CrmStore store;

    public RecordOrder(CrmStore store) {
        this.store = store;
    }

    /**
     * @param amount the total; the sum of the items when null
     * @throws IllegalArgumentException when the customer already has an order with that number
     */
    public record NewOrder(String number, Instant orderedAt, String currency, BigDecimal amount, OrderStatus status,
            List<OrderItem> items) {
    }

    public Order record(Company company, NewOrder order, String actorId) {
        if (order.number() == null || order.number().isBlank()) {
            throw new io.genjin.store.Invalid("An order needs a number.");
        }
        if (order.currency() == null || !order.currency().trim().matches("[A-Za-z]{3}")) {
            throw new io.genjin.store.Invalid("The currency is a three-letter code such as USD.");
        }
        List<OrderItem> items = order.items() == null ? List.of() : order.items();
        BigDecimal amount = order.amount() != null ? order.amount() : sum(items);
        if (amount == null || amount.signum() < 0) {
            throw new io.genjin.store.Invalid("An order needs an amount (or items with quantity and unit price).");
        }
        Instant now = store.clock().instant();
        Instant at = order.orderedAt() == null ? now : order.orderedAt();
        OrderStatus status = order.status() == null ? OrderStatus.PI_SENT : order.status();
        Order saved;
        try {
            saved = store.orders().insert(new Order(Ids.newId(), company.id(), order.number().trim(), amount,
                    order.currency().trim().toUpperCase(Locale.ROOT), at, company.ownerId(), now, status, items));
        } catch (DuplicateKeyException taken) {
            throw new io.genjin.store.Invalid("This customer already has an order numbered " + order.number().trim() + ".");
        }
        store.timeline().append(new Activity(Ids.newId(), company.id(), ActivityType.ORDER, at, actorId, List.of(),
                saved.number(), null, "order:" + saved.id(), attributes(saved, "recorded"), now));
        return saved;
    }

    static Map<String, String> attributes(Order order, String event) {
        return Map.of("orderId", order.id(), "event", event, "status", order.status().name(),
                "amount", order.amount().toPlainString(), "currency", order.currency());
    }

    private static BigDecimal sum(List<OrderItem> items) {
        BigDecimal total = null;
        for (OrderItem item : items) {
            BigDecimal line = item.total();
            if (line != null) {
                total = total == null ? line : total.add(line);
            }
        }
        return total;
    }
}
