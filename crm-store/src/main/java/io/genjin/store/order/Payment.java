package io.genjin.store.order;

import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.data.mongodb.core.mapping.Document;

/** Money received against an order. */
@Document("payments")
public record Payment(String id, String companyId, String orderId, BigDecimal amount, String currency, Instant paidAt,
        Instant recordedAt) {
}
