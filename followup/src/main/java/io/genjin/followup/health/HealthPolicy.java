package io.genjin.followup.health;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A team's health settings (id = team id; {@link #DEFAULT_ID} for customers whose owner has no team,
 * and what a team without its own starts from).
 *
 * @param weights        component key → weight (0–100; 0 leaves it out); missing keys take the default
 * @param threshold      below this score the owner gets a task and the manager a notification (once per drop)
 * @param hysteresis     the score must come back to threshold + this before a new drop alerts again
 * @param paymentDays    days after the order date within which an order counts as paid on time
 */
@Document("health_policies")
public record HealthPolicy(String id, Map<String, Integer> weights, Integer threshold, Integer hysteresis,
        Integer paymentDays) {
    public static final String DEFAULT_ID = "default";

    public HealthPolicy {
        Map<String, Integer> all = new LinkedHashMap<>();
        for (Component c : Component.values()) {
            Integer w = weights == null ? null : weights.get(c.key());
            all.put(c.key(), w == null ? c.defaultWeight() : w);
        }
        if (weights != null) {
            weights.keySet().forEach(Component::of);
        }
        weights = Map.copyOf(all);
        threshold = threshold == null ? 60 : threshold;
        hysteresis = hysteresis == null ? 10 : hysteresis;
        paymentDays = paymentDays == null ? 60 : paymentDays;
        if (weights.values().stream().anyMatch(w -> w < 0 || w > 100)) {
            throw new IllegalArgumentException("a health weight is between 0 and 100");
        }
        if (weights.values().stream().mapToInt(Integer::intValue).sum() == 0) {
            throw new IllegalArgumentException("at least one health weight must be above 0");
        }
        if (threshold < 0 || threshold > 100 || hysteresis < 0 || hysteresis > 50 || paymentDays < 1 || paymentDays > 365) {
            throw new IllegalArgumentException("threshold is 0–100, hysteresis 0–50, payment days 1–365");
        }
    }

    public static HealthPolicy defaults(String id) {
        return new HealthPolicy(id, null, null, null, null);
    }

    int weight(Component c) {
        return weights.get(c.key());
    }
}
