package io.genjin.reports.coverage;

import io.genjin.store.customer.Grade;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Whether the reps keep in touch with the customers that matter (docs/reports.md, "Coverage"):
 * the share of each rep's A and B customers with mail both ways in the last 30 days, and the
 * customers gone silent for 30, 60 or 90 days, grade A first.
 */
public final class Coverage {

    private static final Set<Grade> KEY_GRADES = EnumSet.of(Grade.A, Grade.B);
    private static final Duration MONTH = Duration.ofDays(30);

    private Coverage() {
    }

    /** A live customer in someone's book (not the public pool, not archived). */
    public record Account(String companyId, String name, String ownerId, Grade grade, Instant lastInboundAt,
            Instant lastOutboundAt) {

        boolean twoWaySince(Instant since) {
            return lastInboundAt != null && lastOutboundAt != null && !lastInboundAt.isBefore(since)
                    && !lastOutboundAt.isBefore(since);
        }

        /** The last mail either way, or empty when there never was any. */
        public Optional<Instant> lastMail() {
            if (lastInboundAt == null) {
                return Optional.ofNullable(lastOutboundAt);
            }
            return Optional.of(lastOutboundAt == null || lastInboundAt.isAfter(lastOutboundAt) ? lastInboundAt : lastOutboundAt);
        }
    }

    /** @param share empty for a rep without A or B customers */
    public record RepCoverage(String ownerId, int keyAccounts, int twoWay, Optional<Double> share) {
    }

    public record Silent(Account account, long silentDays, int band) {
    }

    public static Map<String, RepCoverage> perRep(List<Account> accounts, Instant asOf) {
        Instant since = asOf.minus(MONTH);
        Map<String, List<Account>> byOwner = accounts.stream().filter(a -> a.ownerId() != null && KEY_GRADES.contains(a.grade()))
                .collect(Collectors.groupingBy(Account::ownerId, TreeMap::new, Collectors.toList()));
        Map<String, RepCoverage> result = new TreeMap<>();
        byOwner.forEach((owner, key) -> {
            int twoWay = (int) key.stream().filter(a -> a.twoWaySince(since)).count();
            result.put(owner, new RepCoverage(owner, key.size(), twoWay,
                    key.isEmpty() ? Optional.empty() : Optional.of((double) twoWay / key.size())));
        });
        return result;
    }

    /**
     * Customers without mail either way for at least 30 days, in bands of 30, 60 and 90 days; grade A
     * first, then the longest silent. A customer never written to counts from no date and is left to
     * the follow-up rules, which know when it was created.
     */
    public static List<Silent> silent(List<Account> accounts, Instant asOf) {
        return accounts.stream().map(a -> a.lastMail().map(last -> Duration.between(last, asOf).toDays())
                        .map(days -> new Silent(a, days, days >= 90 ? 90 : days >= 60 ? 60 : days >= 30 ? 30 : 0)).orElse(null))
                .filter(s -> s != null && s.band() > 0)
                .sorted(Comparator.comparing((Silent s) -> s.account().grade())
                        .thenComparing(Comparator.comparingLong(Silent::silentDays).reversed()))
                .toList();
    }
}
