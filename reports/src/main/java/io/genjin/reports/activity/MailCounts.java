package io.genjin.reports.activity;

import io.genjin.reports.Period;
import io.genjin.reports.activity.MailSide.Counterpart;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Mail sent and received per user in a period, split by who was on the other side, and the
 * customers each user touched (wrote to or heard from).
 */
public record MailCounts(Map<Counterpart, Integer> sent, Map<Counterpart, Integer> received, int customersTouched) {

    public int sentTo(Counterpart counterpart) {
        return sent.getOrDefault(counterpart, 0);
    }

    public int receivedFrom(Counterpart counterpart) {
        return received.getOrDefault(counterpart, 0);
    }

    public static Map<String, MailCounts> perUser(List<MailSide> sides, Period period) {
        Map<String, Map<Counterpart, Integer>> sent = new TreeMap<>();
        Map<String, Map<Counterpart, Integer>> received = new TreeMap<>();
        Map<String, Set<String>> touched = new TreeMap<>();
        for (MailSide side : sides) {
            if (!period.contains(side.at())) {
                continue;
            }
            (side.sent() ? sent : received).computeIfAbsent(side.userId(), k -> new EnumMap<>(Counterpart.class))
                    .merge(side.counterpart(), 1, Integer::sum);
            Set<String> customers = touched.computeIfAbsent(side.userId(), k -> new HashSet<>());
            if (side.counterpart() == Counterpart.CUSTOMER) {
                customers.addAll(side.companyIds());
            }
        }
        Map<String, MailCounts> result = new TreeMap<>();
        touched.forEach((user, customers) -> result.put(user, new MailCounts(
                Map.copyOf(sent.getOrDefault(user, Map.of())), Map.copyOf(received.getOrDefault(user, Map.of())),
                customers.size())));
        return result;
    }
}
