package io.genjin.store.audit;

import java.time.Instant;
import java.util.Map;
import org.springframework.data.mongodb.core.mapping.Document;

/** Something changed that someone may later ask about: a merge, a re-owning, a token issued. */
@Document("audit")
public record AuditEntry(String id, Instant at, String actorId, String action, String subjectType, String subjectId,
        Map<String, String> details) {

    public AuditEntry {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
