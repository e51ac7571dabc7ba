package io.genjin.followup.health;

import io.genjin.followup.health.CustomerHealth.Part;
import io.genjin.followup.health.Signals.Mail;
import io.genjin.store.order.Order;
import io.genjin.store.order.Payment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * When a customer's health would next change if no new data arrived. With no new mail, order, payment
 * or task, what a health stores moves only with time, and only at instants its data names: an entry
 * leaving a window (tone 30 and 90 days, rhythm 30, bounces 90, tags 180, the early warning 14 and 194),
 * a stepped score reaching its next step (recency, unanswered mail, orders), an order falling due for payment or leaving the 365/730-day windows of the order value. Those instants
 * are the candidates; the health's time-dependent output (every component with its reason, the tags with
 * their evidence, whether the tone warning would start or end) is evaluated at each in order, and the
 * first one where it differs from now is the answer. It is exact, not a guess: the output is constant
 * between candidates, so the nightly run that skips a customer until then stores what a full recompute
 * would (NightlyEquivalenceTest).
 */
final class NextChange {
    private static final Duration[] MAIL_WINDOWS = {Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(180),
            Assess.RECENT, Assess.RECENT.plus(Assess.BASELINE)};

    private NextChange() {
    }

    /**
     * @param orders   the customer's orders, or null when the caller does not know them (an update driven by
     *                 mail: only the mail side is looked at)
     */
    static Instant of(Signals s, Collection<Order> orders, Collection<Payment> payments, int paymentDays,
            CustomerHealth health, Instant now) {
        TreeSet<Instant> candidates = new TreeSet<>();
        List<Mail> in = new ArrayList<>();
        List<Mail> out = new ArrayList<>();
        for (Mail m : s.mail()) {
            (m.in() ? in : out).add(m);
        }
        for (Mail m : in) {
            for (Duration w : MAIL_WINDOWS) {
                add(candidates, m.at().plus(w), now);
            }
        }
        for (Signals.Mark b : s.bounces()) {
            add(candidates, b.at().plus(Duration.ofDays(90)), now);
        }
        if (!in.isEmpty() && !out.isEmpty()) {
            Instant twoWay = Score.twoWay(in, out);
            long usual = Score.recencyUsual(in);
            steps(candidates, twoWay, usual, 4 * usual, now);
        }
        int waiting = s.mail().size();
        while (waiting > 0 && s.mail().get(waiting - 1).in()) {
            waiting--;
        }
        if (waiting < s.mail().size()) {
            steps(candidates, s.mail().get(waiting).at(), Score.DAY / 2, 7 * Score.DAY, now);
        }
        if (orders != null) {
            List<Instant> dates = new ArrayList<>();
            for (Order o : orders) {
                if (o.orderedAt() == null || !o.confirmed()) {
                    continue;
                }
                dates.add(o.orderedAt());
                add(candidates, o.orderedAt().plus(Duration.ofDays(365)), now);
                add(candidates, o.orderedAt().plus(Duration.ofDays(730)), now);
                // Due for payment once the instant is past its due day: the millisecond after.
                add(candidates, o.orderedAt().plus(Duration.ofDays(paymentDays)).plusMillis(1), now);
            }
            if (!dates.isEmpty()) {
                dates.sort(null);
                long usual = Score.orderGap(dates);
                steps(candidates, dates.get(dates.size() - 1), usual * 6 / 5, 3 * usual, now);
            }
        }
        Object base = null;
        for (Instant t : candidates) {
            if (base == null) {
                base = output(s, in, orders, payments, paymentDays, health, now);
            }
            if (!base.equals(output(s, in, orders, payments, paymentDays, health, t))) {
                return t;
            }
        }
        return null;
    }

    /** Everything of a health that moves with time alone, at {@code t}. */
    private static Object output(Signals s, List<Mail> in, Collection<Order> orders, Collection<Payment> payments,
            int paymentDays, CustomerHealth health, Instant t) {
        Map<Component, Part> parts = Score.fromMail(s, t);
        Money money = Money.NONE;
        if (orders != null) {
            money = Money.of(orders, payments, paymentDays, t);
            parts.putAll(Score.fromRecords(money, 0, t));
            parts.remove(Component.TASKS);
        }
        List<List<String>> tags = new ArrayList<>();
        for (CustomerHealth.Tag tag : SmartTags.derive(s, money, health.tags(), health.removed(), t)) {
            List<String> one = new ArrayList<>(tag.evidence());
            one.add(0, tag.key());
            tags.add(one);
        }
        double fall = Assess.toneFall(s, t);
        boolean warningMoves = health.warningSince() == null ? fall >= 0.75 : fall < 0.25;
        return List.of(parts, tags, warningMoves);
    }

    private static void steps(TreeSet<Instant> candidates, Instant origin, long good, long bad, Instant now) {
        for (int k = 1; k <= Score.STEPS; k++) {
            add(candidates, origin.plusMillis(Score.stepAt(k, good, bad)), now);
        }
    }

    private static void add(TreeSet<Instant> candidates, Instant at, Instant now) {
        if (at.isAfter(now)) {
            candidates.add(Objects.requireNonNull(at));
        }
    }
}
