package io.genjin.followup.health;

import io.genjin.followup.health.CustomerHealth.Part;
import io.genjin.followup.health.Signals.Mail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One customer's health now, from its signals and record components, under its team's policy, with
 * what the change means: a drop below the threshold to alert on (once per drop: re-armed when the
 * score is back at threshold + hysteresis), an early warning on the customer's tone (once per episode).
 */
final class Assess {
    /** Recent tone: the last 14 days; the baseline: the 180 days before. */
    static final Duration RECENT = Duration.ofDays(14);
    static final Duration BASELINE = Duration.ofDays(180);

    private Assess() {
    }

    record Outcome(CustomerHealth health, boolean dropped, boolean warned, List<Part> fell) {
    }

    /**
     * @param orders the customer's orders and {@code payments} its payments, for when its health next changes;
     *               null in an update driven by mail, which keeps the record side of the last recompute (and
     *               its next change, the customer being recomputed in full the next night)
     */
    static Outcome of(String companyId, String ownerId, Signals signals, Map<Component, Part> records, Money money,
            java.util.Collection<io.genjin.store.order.Order> orders, java.util.Collection<io.genjin.store.order.Payment> payments,
            CustomerHealth before, HealthPolicy policy, Instant now) {
        Map<Component, Part> all = new EnumMap<>(Component.class);
        all.putAll(Score.fromMail(signals, now));
        all.putAll(records);
        List<Part> parts = new ArrayList<>();
        for (Component c : Component.values()) {
            Part p = all.getOrDefault(c, Score.none(c, "noData"));
            parts.add(new Part(p.key(), p.score(), policy.weight(c), p.applies(), p.reason(), p.args()));
        }
        int score = Score.total(parts);
        Instant belowSince = before == null ? null : before.belowSince();
        boolean dropped = false;
        if (score < policy.threshold() && belowSince == null) {
            belowSince = now;
            // A drop is a fall from a score computed before: the first computation of a customer (a new
            // one, or every customer on the first night after an upgrade) marks it below without an alert.
            dropped = before != null;
        } else if (belowSince != null && score >= policy.threshold() + policy.hysteresis()) {
            belowSince = null;
        }
        Instant warningSince = before == null ? null : before.warningSince();
        boolean warned = false;
        double fall = toneFall(signals, now);
        if (fall >= 0.75 && warningSince == null) {
            warningSince = now;
            warned = true;
        } else if (fall < 0.25 && warningSince != null) {
            warningSince = null;
        }
        var removed = before == null ? Map.<String, Instant>of() : before.removed();
        List<CustomerHealth.Tag> earlier = before == null ? List.of() : before.tags();
        List<CustomerHealth.Tag> tags = new ArrayList<>(SmartTags.derive(signals, money == null ? Money.NONE : money, earlier,
                removed, now));
        if (money == null && tags.stream().noneMatch(t -> t.key().equals(SmartTags.SLOW_PAYER))) {
            // Mail alone does not know the payments: the slow-payer tag the last recompute set stays.
            earlier.stream().filter(t -> t.key().equals(SmartTags.SLOW_PAYER)).forEach(tags::add);
        }
        List<Part> fell = parts.stream().filter(p -> p.applies() && p.weight() > 0 && p.score() < 60)
                .sorted(java.util.Comparator.comparingInt((Part p) -> p.weight() * (100 - p.score())).reversed()).toList();
        CustomerHealth health = new CustomerHealth(companyId, ownerId, score, parts, tags, removed, belowSince, warningSince,
                now, null);
        Instant next = NextChange.of(signals, money == null ? null : orders == null ? java.util.List.of() : orders, payments,
                policy.paymentDays(), health, now);
        if (money == null && before != null && before.nextChangeAt() != null && before.nextChangeAt().isAfter(now)
                && (next == null || before.nextChangeAt().isBefore(next))) {
            next = before.nextChangeAt();
        }
        return new Outcome(health.withNextChangeAt(next), dropped, warned, fell);
    }

    /**
     * How far the customer's tone of the last 14 days fell below its own baseline (the 180 days before),
     * on a scale where positive is 1, neutral 0, negative −1 and dissatisfied −2; 0 without at least two
     * recent and three baseline readings.
     */
    static double toneFall(Signals signals, Instant now) {
        Instant recentFrom = now.minus(RECENT);
        Instant baselineFrom = recentFrom.minus(BASELINE);
        double recent = 0;
        int recentCount = 0;
        double base = 0;
        int baseCount = 0;
        for (Mail m : signals.mail()) {
            if (!m.in() || !m.read()) {
                continue;
            }
            if (m.at().isAfter(recentFrom)) {
                recent += m.toneValue();
                recentCount++;
            } else if (m.at().isAfter(baselineFrom)) {
                base += m.toneValue();
                baseCount++;
            }
        }
        if (recentCount < 2 || baseCount < 3) {
            return 0;
        }
        return base / baseCount - recent / recentCount;
    }

    /** The record components as last computed, for an update driven by mail. */
    static Map<Component, Part> recordsOf(CustomerHealth before) {
        Map<Component, Part> records = new EnumMap<>(Component.class);
        if (before != null) {
            for (Part p : before.parts()) {
                Component c = Component.of(p.key());
                if (c.fromRecords()) {
                    records.put(c, p);
                }
            }
        }
        return records;
    }
}
