package io.genjin.store.linking;

import java.time.Instant;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person's lasting word on a sender: mail from this address, or from this domain and its
 * subdomains, is not customer mail. {@code id} is {@code address:<address>} or {@code domain:<domain>},
 * so a rule is found by key and set twice is still one rule.
 */
@Document("linking_rules")
public record SenderRule(String id, Kind kind, String value, String byUserId, String reason, Instant at) {

    public static String key(Kind kind, String value) {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + value.trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** What the rule names. */
    public enum Kind {
        ADDRESS, DOMAIN
    }
}
