package io.genjin.store.conflict;

import java.time.Instant;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * 撞客: a salesperson ({@code claimantId}) is emailing a customer that another salesperson owns.
 * Recorded once per company and claimant, for a manager to resolve; the owner never changes silently.
 */
@Document("ownership_conflicts")
public record OwnershipConflict(String id, String companyId, String ownerId, String claimantId, String messageId,
        Instant detectedAt, Instant resolvedAt, String resolution) {

    public boolean open() {
        return resolvedAt == null;
    }
}
