package io.genjin.reports.activity;

import io.genjin.reports.Period;
import io.genjin.reports.activity.ResponseTimes.Response;
import io.genjin.reports.activity.ResponseTimes.Unanswered;
import io.genjin.reports.activity.ResponseTimes.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * First-response figures for one period, for the team and per user (docs/reports.md): waits that
 * began in the period, median and p90 of the answered ones in calendar and business time, and the
 * share answered within 24 hours. A wait still open after 24 hours counts as missed; one still open
 * for less is left out, since it may yet be answered in time.
 */
public record FirstResponse(int answered, int unanswered, Optional<Duration> median, Optional<Duration> p90,
        Optional<Duration> businessMedian, Optional<Duration> businessP90, int within24h, int missed24h) {

    private static final Duration DAY = Duration.ofHours(24);

    /** Share of waits answered within 24 hours, or empty when none has been decided yet. */
    public Optional<Double> within24hShare() {
        int decided = within24h + missed24h;
        return decided == 0 ? Optional.empty() : Optional.of((double) within24h / decided);
    }

    public static FirstResponse ofTeam(Waits waits, Period period, Instant asOf) {
        return of(waits, period, asOf, r -> true, u -> true);
    }

    /** Per user: answers credited to whoever sent them; unanswered waits to whoever received them. */
    public static Map<String, FirstResponse> perUser(Waits waits, Period period, Instant asOf) {
        Map<String, FirstResponse> result = new TreeMap<>();
        java.util.Set<String> users = new java.util.TreeSet<>();
        Predicate<Instant> in = period.containing();
        waits.responses().stream().filter(r -> in.test(r.askedAt()) && r.answeredBy() != null)
                .forEach(r -> users.add(r.answeredBy()));
        waits.unanswered().stream().filter(u -> in.test(u.askedAt()) && u.receivedBy() != null)
                .forEach(u -> users.add(u.receivedBy()));
        for (String user : users) {
            result.put(user, of(waits, period, asOf, r -> user.equals(r.answeredBy()), u -> user.equals(u.receivedBy())));
        }
        return result;
    }

    private static FirstResponse of(Waits waits, Period period, Instant asOf, Predicate<Response> whose,
            Predicate<Unanswered> whoseOpen) {
        Predicate<Instant> in = period.containing();
        List<Response> answered = waits.responses().stream().filter(r -> in.test(r.askedAt())).filter(whose).toList();
        List<Unanswered> open = waits.unanswered().stream().filter(u -> in.test(u.askedAt())).filter(whoseOpen).toList();
        List<Duration> calendar = answered.stream().map(Response::calendar).toList();
        List<Duration> business = answered.stream().map(Response::business).toList();
        int within = (int) calendar.stream().filter(d -> d.compareTo(DAY) <= 0).count();
        int lateAnswers = answered.size() - within;
        int stillOpenTooLong = (int) open.stream().filter(u -> Duration.between(u.askedAt(), asOf).compareTo(DAY) > 0).count();
        return new FirstResponse(answered.size(), open.size(), Durations.median(calendar), Durations.percentile(calendar, 0.9),
                Durations.median(business), Durations.percentile(business, 0.9), within, lateAnswers + stillOpenTooLong);
    }
}
