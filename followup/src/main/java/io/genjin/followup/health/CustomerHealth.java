package io.genjin.followup.health;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer's health as last computed (id = company id): the score, each component with the reason
 * a person can read, the smart tags with their evidence,
 * and the alert state.
 *
 * @param belowSince    when the score fell below the team's threshold and alerted; null while armed
 * @param warningSince  when the early warning on the customer's tone was raised; null outside an episode
 * @param removed       tag key → when a person removed it (see {@link SmartTags})
 * @param computedAt    when the health last changed: a recompute that yields the same health writes nothing
 * @param nextChangeAt  the earliest instant at which this health would change with no new data (a mail window
 *                      dropping an entry, a time-dependent score reaching its next step, an order falling due);
 *                      null when nothing would. The nightly run recomputes a customer whose data did not change
 *                      only once this has passed ({@link NextChange})
 */
@Document("customer_health")
public record CustomerHealth(String id, String ownerId, int score, List<Part> parts, List<Tag> tags, Map<String, Instant> removed, Instant belowSince, Instant warningSince, Instant computedAt, Instant nextChangeAt) {

    public CustomerHealth {
        parts = parts == null ? List.of() : List.copyOf(parts);
        tags = tags == null ? List.of() : List.copyOf(tags);
        removed = removed == null ? Map.of() : Map.copyOf(removed);
    }

    /**
     * One component's score. {@code reason} is a message key ({@code health.reason.<reason>}) filled with
     * {@code args}; {@code weight} 0 and {@code applies} false leave it out of the score (no data).
     */
    public record Part(String key, int score, int weight, boolean applies, String reason, List<String> args) {
        /** An argument naming an instant ({@code since:<ISO instant>}), shown as the whole days from it to now. */
        public static final String SINCE = "since:";

        public Part {
            args = args == null ? List.of() : List.copyOf(args);
        }

        /**
         * The arguments as a person reads them at {@code now}: an instant is shown as the days since it, so
         * the stored reason names dates and changes only when the data does.
         */
        public List<String> argsAt(Instant now) {
            return args.stream().map(a -> a != null && a.startsWith(SINCE)
                    ? Long.toString(Math.max(0, java.time.Duration.between(Instant.parse(a.substring(SINCE.length())), now).toDays()))
                    : a).toList();
        }
    }

    /** The score on a day (ISO date in the team's zone). */
    public record Day(String day, int score) {
    }

    /** A smart tag and the messages (Message-IDs) or orders ({@code order:<id>}) behind it. */
    public record Tag(String key, List<String> evidence, Instant since) {
        public Tag {
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }
    }

    CustomerHealth withNextChangeAt(Instant next) {
        return new CustomerHealth(id, ownerId, score, parts, tags, removed, belowSince, warningSince, computedAt, next);
    }

    /** The same health but for when it was computed: a recompute that changed nothing need not be written. */
    public boolean sameAs(CustomerHealth other) {
        return other != null && equals(new CustomerHealth(other.id, other.ownerId, other.score, other.parts, other.tags,
                other.removed, other.belowSince, other.warningSince, computedAt, other.nextChangeAt));
    }

    public List<String> tagKeys() {
        return tags.stream().map(Tag::key).toList();
    }
}
