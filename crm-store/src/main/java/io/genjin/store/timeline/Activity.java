package io.genjin.store.timeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One line on a customer's timeline. {@code sourceKey} names what produced it (e.g.
 * {@code email:<Message-ID>}) and is unique per company, which makes appending idempotent.
 */
@Document("activities")
public record Activity(
        String id,
        String companyId,
        ActivityType type,
        Instant occurredAt,
        String actorId,
        List<String> contactIds,
        String title,
        String body,
        String sourceKey,
        Map<String, String> attributes,
        Instant recordedAt) {

    public Activity {
        contactIds = contactIds == null ? List.of() : List.copyOf(contactIds);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        // Every activity has a source key: the unique (companyId, sourceKey) index must never see two nulls.
        sourceKey = sourceKey == null ? type.name().toLowerCase(java.util.Locale.ROOT) + ":" + id : sourceKey;
    }
}
