package io.genjin.followup.health;

import java.util.List;

/**
 * The parts of a customer's health, each scored 0–100 on its own and weighed by the team's policy.
 * What each reads and how it scores is in docs/followup.md.
 */
public enum Component {
    MAIL_RECENCY("mail-recency", 15, false),
    MAIL_RHYTHM("mail-rhythm", 10, false),
    REPLY_TIME("reply-time", 10, false),
    UNANSWERED("unanswered", 10, false),
    QUOTE_READS("quote-reads", 5, false),
    TONE("tone", 15, false),
    BOUNCES("bounces", 5, false),
    ORDERS("orders", 15, true),
    PAYMENTS("payments", 10, true),
    TASKS("overdue-tasks", 5, true);

    private final String key;
    private final int defaultWeight;
    private final boolean fromRecords;

    Component(String key, int defaultWeight, boolean fromRecords) {
        this.key = key;
        this.defaultWeight = defaultWeight;
        this.fromRecords = fromRecords;
    }

    /** The name in the API, the settings and the message bundles ({@code health.component.<key>}). */
    public String key() {
        return key;
    }

    public int defaultWeight() {
        return defaultWeight;
    }

    /**
     * Read from the recorded orders, payments and tasks (the nightly recompute) rather than from the
     * mail signals; an incoming message keeps the last value of these.
     */
    boolean fromRecords() {
        return fromRecords;
    }

    public static Component of(String key) {
        for (Component c : values()) {
            if (c.key.equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no health component " + key + "; known: " + keys());
    }

    public static List<String> keys() {
        return java.util.Arrays.stream(values()).map(Component::key).toList();
    }
}
