package io.genjin.store.order;

import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.data.mongodb.core.mapping.Document;

/** A customer order (a PO), the "M" and "F" of RFM. {@code number} is unique per company. */
@Document("orders")
public record Order(String id, String companyId, String number, BigDecimal amount, String currency, Instant orderedAt,
        String ownerId, Instant recordedAt) {
}
