package io.genjin.reports.weekly;

import io.genjin.store.Durability;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tick of the weekly report mail's schedule. From Monday 08:00 in the team's zone until the week
 * ends, every manager (and admin, when so configured) with an address and no mail yet for the week
 * just ended gets one: claim it in the store ({@link WeeklySends}), make it durable, send, mark it.
 * A failed send is logged naming the manager and the week and is tried again at the next tick; a
 * week that has ended is not sent late. Safe on several processes at once, and across restarts.
 */
public final class SendWeeklyReports {
    private static final Logger log = LoggerFactory.getLogger(SendWeeklyReports.class);

    /** Composes and sends one manager's mail for the week beginning {@code week}; throws when it failed. */
    @FunctionalInterface
    public interface Mailer {
        void send(User manager, LocalDate week);
    }

    /** When and to whom. */
    public record Schedule(ZoneId zone, DayOfWeek day, LocalTime at, boolean admins) {
    }

    /** What one tick did. */
    public record Tick(String week, int sent, int failed, int skipped) {
    }

    private final Supplier<List<User>> users;
    private final WeeklySends sends;
    private final Durability durability;
    private final Mailer mailer;
    private final Schedule schedule;
    private final Clock clock;

    public SendWeeklyReports(Supplier<List<User>> users, WeeklySends sends, Durability durability, Mailer mailer,
            Schedule schedule, Clock clock) {
        this.users = users;
        this.sends = sends;
        this.durability = durability;
        this.mailer = mailer;
        this.schedule = schedule;
        this.clock = clock;
    }

    /** The Monday of the week whose mail is due now, or empty before this week's send time. */
    public Optional<LocalDate> dueWeek() {
        ZonedDateTime now = clock.instant().atZone(schedule.zone());
        LocalDate monday = now.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        ZonedDateTime due = monday.with(TemporalAdjusters.nextOrSame(schedule.day())).atTime(schedule.at())
                .atZone(schedule.zone());
        return now.isBefore(due) ? Optional.empty() : Optional.of(monday.minusWeeks(1));
    }

    public boolean recipient(User u) {
        return u.active() && u.primaryAddress() != null
                && (u.role() == Role.MANAGER || schedule.admins() && u.role() == Role.ADMIN);
    }

    public Tick run() {
        Optional<LocalDate> due = dueWeek();
        if (due.isEmpty()) {
            return new Tick(null, 0, 0, 0);
        }
        LocalDate week = due.get();
        String key = WeeklyReport.isoWeek(week);
        int sent = 0;
        int failed = 0;
        int skipped = 0;
        for (User manager : users.get().stream().filter(this::recipient).toList()) {
            WeeklySends.Claim claim = sends.claim(manager.id(), key);
            if (!(claim instanceof WeeklySends.Claim.Claimed claimed)) {
                skipped++;
                continue;
            }
            // The claim is on disk before the mail leaves: after a crash, no process sends it again.
            durability.flush();
            try {
                mailer.send(manager, week);
                sends.sent(manager.id(), key);
                durability.flush();
                sent++;
                log.info("weekly report {} sent to manager {} <{}> (attempt {})", key, manager.id(),
                        manager.primaryAddress(), claimed.attempt());
            } catch (RuntimeException e) {
                sends.failed(manager.id(), key, e.toString());
                durability.flush();
                failed++;
                log.warn("weekly report {} for manager {} <{}> failed (attempt {}); tried again at the next tick: {}", key,
                        manager.id(), manager.primaryAddress(), claimed.attempt(), e.toString(), e);
            }
        }
        long stuck = sends.stuck(key, clock.instant().minus(Duration.ofMinutes(30)));
        if (stuck > 0) {
            log.debug("weekly report {}: {} mail(s) claimed by a process that stopped mid-send; not sent again", key, stuck);
        }
        return new Tick(key, sent, failed, skipped);
    }
}
