package io.genjin.store.events;

import io.genjin.store.customer.Stage;
import java.time.Instant;

/**
 * A customer, or one of its opportunities, moved to another stage. {@code opportunityId} is null
 * when the customer's own stage moved.
 */
public record StageChanged(String companyId, String opportunityId, Stage from, Stage to, String byUserId,
        Instant occurredAt) {
}
