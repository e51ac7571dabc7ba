package io.genjin.store.contract;

import java.time.Instant;
import java.time.LocalDate;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An agreement with a customer that runs out: a supply contract, a distribution or exclusivity
 * agreement. {@code endsOn} is the last day it is in force.
 */
@Document("contracts")
public record Contract(String id, String companyId, String title, String number, LocalDate startsOn, LocalDate endsOn,
        String createdBy, Instant createdAt) {
}
