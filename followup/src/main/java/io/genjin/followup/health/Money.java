package io.genjin.followup.health;

import io.genjin.store.order.Order;
import io.genjin.store.order.Payment;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a customer's recorded orders and payments say, reduced to what the score reads: order dates and
 * amounts (confirmed orders only, as the reports' RFM counts them), and per order due for payment
 * whether it was paid in full by its due day ({@code paymentDays} after the order date).
 */
record Money(List<Instant> orderDates, BigDecimal lastYear, BigDecimal yearBefore, List<String> late, int due,
        Instant lastLateAt) {
    static final Money NONE = new Money(List.of(), BigDecimal.ZERO, BigDecimal.ZERO, List.of(), 0, null);

    static Money of(Collection<Order> orders, Collection<Payment> payments, int paymentDays, Instant now) {
        if (orders == null || orders.isEmpty()) {
            return NONE;
        }
        Map<String, List<Payment>> paid = new HashMap<>();
        if (payments != null) {
            payments.forEach(p -> paid.computeIfAbsent(p.orderId(), k -> new ArrayList<>()).add(p));
        }
        List<Instant> dates = new ArrayList<>();
        BigDecimal lastYear = BigDecimal.ZERO;
        BigDecimal yearBefore = BigDecimal.ZERO;
        List<String> late = new ArrayList<>();
        int due = 0;
        Instant lastLateAt = null;
        Instant yearAgo = now.minus(Duration.ofDays(365));
        Instant twoYearsAgo = now.minus(Duration.ofDays(730));
        for (Order o : orders) {
            if (o.orderedAt() == null || !o.confirmed()) {
                continue;
            }
            dates.add(o.orderedAt());
            BigDecimal amount = o.amount() == null ? BigDecimal.ZERO : o.amount();
            if (o.orderedAt().isAfter(yearAgo)) {
                lastYear = lastYear.add(amount);
            } else if (o.orderedAt().isAfter(twoYearsAgo)) {
                yearBefore = yearBefore.add(amount);
            }
            Instant dueAt = o.orderedAt().plus(Duration.ofDays(paymentDays));
            Instant paidInFull = paidInFull(amount, paid.getOrDefault(o.id(), List.of()));
            if (dueAt.isBefore(now) || paidInFull != null) {
                due++;
                boolean onTime = paidInFull != null && !paidInFull.isAfter(dueAt);
                if (!onTime && (paidInFull != null || dueAt.isBefore(now))) {
                    late.add(o.id());
                    Instant lateAt = paidInFull != null ? paidInFull : dueAt;
                    lastLateAt = lastLateAt == null || lateAt.isAfter(lastLateAt) ? lateAt : lastLateAt;
                }
            }
        }
        dates.sort(null);
        return new Money(List.copyOf(dates), lastYear, yearBefore, List.copyOf(late), due, lastLateAt);
    }

    /** When the payments first added up to the amount; null while they do not. */
    private static Instant paidInFull(BigDecimal amount, List<Payment> payments) {
        List<Payment> sorted = new ArrayList<>(payments);
        sorted.removeIf(p -> p.paidAt() == null || p.amount() == null);
        sorted.sort(java.util.Comparator.comparing(Payment::paidAt));
        BigDecimal sum = BigDecimal.ZERO;
        for (Payment p : sorted) {
            sum = sum.add(p.amount());
            if (sum.compareTo(amount) >= 0) {
                return p.paidAt();
            }
        }
        return amount.signum() <= 0 && !sorted.isEmpty() ? sorted.get(0).paidAt() : null;
    }
}
