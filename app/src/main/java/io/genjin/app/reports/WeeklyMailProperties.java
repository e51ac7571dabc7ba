package io.genjin.app.reports;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The weekly report mail ({@code genjin.reports.weekly.*}; docs/reports.md). The zone is the
 * reports' ({@code genjin.reports.time-zone}).
 *
 * @param enabled       send the mail on schedule in this server (the {@code followup} role); the
 *                      preview page and "send me now" work either way
 * @param day           the weekday it is sent on (default Monday)
 * @param at            the time of day in the team's zone (default 08:00)
 * @param tick          how often the schedule looks for mail due (default 5 minutes); a failed send
 *                      is tried again at the next tick
 * @param admins        send it to admins too (their report covers everyone; default false: managers only)
 * @param from          the sender address; empty: the mail server's default ({@code spring.mail.*})
 * @param publicUrl     Genjin's address for the links in the mail; empty: {@code genjin.sequences.public-url}
 * @param defaultLocale the language of a manager who chose none (default zh-CN)
 * @param sendNowEvery  "send me now" sends at most once per user in this time (default 5 minutes)
 */
@ConfigurationProperties("genjin.reports.weekly")
record WeeklyMailProperties(Boolean enabled, DayOfWeek day, LocalTime at, Duration tick, Boolean admins, String from,
        String publicUrl, String defaultLocale, Duration sendNowEvery) {
    WeeklyMailProperties {
        enabled = enabled == null || enabled;
        day = day == null ? DayOfWeek.MONDAY : day;
        at = at == null ? LocalTime.of(8, 0) : at;
        tick = tick == null ? Duration.ofMinutes(5) : tick;
        admins = admins != null && admins;
        from = from == null || from.isBlank() ? null : from.trim();
        publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.trim().replaceAll("/+$", "");
        defaultLocale = defaultLocale == null || defaultLocale.isBlank() ? "zh-CN" : defaultLocale.trim();
        sendNowEvery = sendNowEvery == null ? Duration.ofMinutes(5) : sendNowEvery;
    }
}
