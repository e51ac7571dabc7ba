package io.genjin.store.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer order (a PO) or proforma invoice (PI), the "M" and "F" of RFM. {@code number} is unique
 * per company. {@code status} follows an export deal's money; an order recorded without one (an
 * import, an older store) is a confirmed order.
 */
@Document("orders")
public record Order(String id, String companyId, String number, BigDecimal amount, String currency, Instant orderedAt,
        String ownerId, Instant recordedAt, OrderStatus status, List<OrderItem> items) {

    @PersistenceCreator
    public Order {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** A confirmed order without items, as imports and older code record one. */
    public Order(String id, String companyId, String number, BigDecimal amount, String currency, Instant orderedAt,
            String ownerId, Instant recordedAt) {
        this(id, companyId, number, amount, currency, orderedAt, ownerId, recordedAt, null, List.of());
    }

    public Order withStatus(OrderStatus newStatus) {
        return new Order(id, companyId, number, amount, currency, orderedAt, ownerId, recordedAt, newStatus, items);
    }

    /** Whether the customer has committed to it: anything past a PI that was only sent. */
    public boolean confirmed() {
        return status != OrderStatus.PI_SENT;
    }
}
