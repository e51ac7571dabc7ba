package io.genjin.app.reports;

import io.genjin.store.user.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * "Send me now": the signed-in user's weekly report, to their own address only, at most once per
 * user in {@code every} (counted in this process; several replicas each allow one). A send that
 * failed does not count.
 */
class WeeklySendNow {
    /** The answer: sent to an address, or why not. */
    sealed interface Outcome {
        record Sent(String to, WeeklyMail.Rendered mail) implements Outcome {
        }

        record TooSoon(Instant next) implements Outcome {
        }

        record NoAddress() implements Outcome {
        }

        record NoMailServer() implements Outcome {
        }

        record Failed(String reason) implements Outcome {
        }
    }

    private final WeeklyMailer mailer;
    private final Duration every;
    private final Clock clock;
    private final Map<String, Instant> last = new ConcurrentHashMap<>();

    WeeklySendNow(WeeklyMailer mailer, Duration every, Clock clock) {
        this.mailer = mailer;
        this.every = every;
        this.clock = clock;
    }

    Outcome send(User me, LocalDate week) {
        String to = me.primaryAddress();
        if (to == null) {
            return new Outcome.NoAddress();
        }
        if (!mailer.configured()) {
            return new Outcome.NoMailServer();
        }
        Instant now = clock.instant();
        Instant[] previous = new Instant[1];
        boolean[] granted = new boolean[1];
        last.compute(me.id(), (id, at) -> {
            previous[0] = at;
            granted[0] = at == null || !now.isBefore(at.plus(every));
            return granted[0] ? now : at;
        });
        if (!granted[0]) {
            return new Outcome.TooSoon(previous[0].plus(every));
        }
        try {
            return new Outcome.Sent(to, mailer.sendTo(me, week, to));
        } catch (RuntimeException e) {
            // A send that failed does not count against the limit.
            last.compute(me.id(), (id, at) -> previous[0]);
            return new Outcome.Failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
