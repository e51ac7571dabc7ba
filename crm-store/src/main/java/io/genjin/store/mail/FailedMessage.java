package io.genjin.store.mail;

import java.time.Instant;
import java.util.Map;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A message the ingestion pipeline could not finish, kept for replay: its raw content (by
 * {@code rawKey} in {@link RawMessages}), where it came from ({@code source}, the transport's own
 * description), the step that failed and why. {@code resolvedAt} is set once a replay succeeds.
 */
@Document("failed_messages")
public record FailedMessage(String id, String rawKey, String messageId, Map<String, String> source, String step,
        String error, int attempts, Instant failedAt, Instant resolvedAt) {

    public FailedMessage {
        source = source == null ? Map.of() : Map.copyOf(source);
    }
}
