package io.genjin.reports.rfm;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * RFM segments from recorded orders (docs/reports.md, "RFM"). Over a window before {@code asOf}:
 * recency is the days since the customer's last order, frequency the number of orders, monetary
 * value their sum in the reporting currency. Each is high or low against the median of the
 * customers who ordered in the window: the median rather than the mean, so one very large buyer
 * does not make every other customer "low value". A value equal to the median counts as high.
 */
public final class Rfm {

    private Rfm() {
    }

    /** One confirmed order, its amount already in the reporting currency. */
    public record OrderLine(String companyId, Instant orderedAt, BigDecimal amount) {
    }

    public record Score(String companyId, long recencyDays, int frequency, BigDecimal monetary, Segment segment) {
    }

    public static List<Score> of(List<OrderLine> orders, Instant asOf, Duration window) {
        Instant from = asOf.minus(window);
        Map<String, List<OrderLine>> byCustomer = new TreeMap<>();
        orders.stream().filter(o -> !o.orderedAt().isBefore(from) && !o.orderedAt().isAfter(asOf))
                .forEach(o -> byCustomer.computeIfAbsent(o.companyId(), k -> new ArrayList<>()).add(o));
        if (byCustomer.isEmpty()) {
            return List.of();
        }
        List<Score> raw = new ArrayList<>();
        byCustomer.forEach((companyId, lines) -> {
            Instant last = lines.stream().map(OrderLine::orderedAt).max(Comparator.naturalOrder()).orElseThrow();
            BigDecimal sum = lines.stream().map(OrderLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            raw.add(new Score(companyId, Duration.between(last, asOf).toDays(), lines.size(), sum, null));
        });
        double recencyMedian = median(raw.stream().mapToDouble(Score::recencyDays).toArray());
        double frequencyMedian = median(raw.stream().mapToDouble(Score::frequency).toArray());
        double monetaryMedian = median(raw.stream().mapToDouble(s -> s.monetary().doubleValue()).toArray());
        return raw.stream().map(s -> new Score(s.companyId(), s.recencyDays(), s.frequency(), s.monetary(),
                Segment.of(s.recencyDays() <= recencyMedian, s.frequency() >= frequencyMedian,
                        s.monetary().doubleValue() >= monetaryMedian))).toList();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
