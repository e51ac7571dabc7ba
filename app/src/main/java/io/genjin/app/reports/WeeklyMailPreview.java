package io.genjin.app.reports;

import io.genjin.store.CrmStore;
import io.genjin.store.user.User;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * What the preview page and the API ask of the weekly report mail: which week, the mail's HTML with
 * its images inline, and "send me now" (whose answer is a message key and its argument).
 */
public final class WeeklyMailPreview {
    /** The outcome of "send me now" for a page: {@code ok} or not, a message key and its argument. */
    public record Sent(boolean ok, String key, String arg) {
    }

    private final CrmStore store;
    private final WeeklyMailer mailer;
    private final WeeklySendNow sendNow;
    private final WeeklyMailProperties properties;
    private final ZoneId zone;

    WeeklyMailPreview(CrmStore store, WeeklyMailer mailer, WeeklySendNow sendNow, WeeklyMailProperties properties,
            ZoneId zone) {
        this.store = store;
        this.mailer = mailer;
        this.sendNow = sendNow;
        this.properties = properties;
        this.zone = zone;
    }

    /** The Monday of the week a day is in; by default the last whole week, the one Monday's mail reports. */
    public LocalDate week(LocalDate date) {
        LocalDate day = date != null ? date : LocalDate.now(store.clock().withZone(zone)).minusWeeks(1);
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public DayOfWeek day() {
        return properties.day();
    }

    public LocalTime at() {
        return properties.at();
    }

    public ZoneId zone() {
        return zone;
    }

    /** The mail's HTML as it is sent, the images as {@code data:} addresses. */
    public String html(User manager, LocalDate week) {
        return mailer.mail().render(manager, week, false).html();
    }

    public Sent sendMeNow(User me, LocalDate week) {
        WeeklySendNow.Outcome outcome = sendNow.send(me, week);
        if (outcome instanceof WeeklySendNow.Outcome.Sent s) {
            return new Sent(true, "weekly.page.sent", s.to());
        }
        if (outcome instanceof WeeklySendNow.Outcome.TooSoon) {
            return new Sent(false, "weekly.page.tooSoon", null);
        }
        if (outcome instanceof WeeklySendNow.Outcome.NoAddress) {
            return new Sent(false, "weekly.page.noAddress", null);
        }
        if (outcome instanceof WeeklySendNow.Outcome.NoMailServer) {
            return new Sent(false, "weekly.page.noServer", null);
        }
        return new Sent(false, "weekly.page.failed", ((WeeklySendNow.Outcome.Failed) outcome).reason());
    }
}
