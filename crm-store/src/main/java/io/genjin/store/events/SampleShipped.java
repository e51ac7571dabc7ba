package io.genjin.store.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A salesperson recorded samples sent to a customer. {@code activityId} is the timeline line that
 * records the shipment; {@code expectedArrival} is the day the carrier promises, or null when unknown.
 */
public record SampleShipped(String activityId, String companyId, String description, LocalDate expectedArrival,
        String byUserId, Instant occurredAt) {
}
