package io.genjin.app.reports;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.schedule.Repeating;
import io.genjin.app.sequence.SequenceProperties;
import io.genjin.reports.ReportService;
import io.genjin.reports.weekly.SendWeeklyReports;
import io.genjin.reports.weekly.SummariseWeek;
import io.genjin.reports.weekly.WeeklyCharts;
import io.genjin.reports.weekly.WeeklySends;
import io.genjin.store.CrmStore;
import io.genjin.store.Durability;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import io.genjin.app.relay.RelayProperties;
import io.genjin.gateway.relay.JakartaUpstream;

/**
 * The weekly report mail: what it says ({@link WeeklyMail}), how it is sent ({@link WeeklyMailer}),
 * which were sent ({@link WeeklySends}), and, in the server with the {@code followup} role, the
 * schedule that sends them ({@link SendWeeklyReports} every {@code tick}).
 */
@Configuration(proxyBeanMethods = false)
class WeeklyMailConfiguration {
    private static final Logger log = LoggerFactory.getLogger(WeeklyMailConfiguration.class);

    @Bean
    WeeklySends weeklySends(MongoOperations mongo, CrmStore store) {
        return new WeeklySends(mongo, store.clock());
    }

    @Bean
    WeeklyMailer weeklyMailer(ReportService reports, MessageSource messages, WeeklyMailProperties properties,
            SequenceProperties sequences, RelayProperties relay, ObjectProvider<MailProperties> server, CrmStore store) {
        String url = properties.publicUrl() != null ? properties.publicUrl() : sequences.publicUrl().replaceAll("/+$", "");
        return new WeeklyMailer(new WeeklyMail(new SummariseWeek(reports), messages, url,
                Locale.forLanguageTag(properties.defaultLocale()), properties.from(), store.clock()), server,
                new JakartaUpstream(relay.upstreamTimeout()));
    }

    @Bean
    SendWeeklyReports sendWeeklyReports(CrmStore store, WeeklySends sends, Durability durability, WeeklyMailer mailer,
            WeeklyMailProperties properties, ReportsProperties reports) {
        return new SendWeeklyReports(() -> store.users().all(), sends, durability, mailer,
                new SendWeeklyReports.Schedule(reports.timeZone(), properties.day(), properties.at(), properties.admins()),
                store.clock());
    }

    @Bean
    WeeklySendNow weeklySendNow(WeeklyMailer mailer, WeeklyMailProperties properties, CrmStore store) {
        return new WeeklySendNow(mailer, properties.sendNowEvery(), store.clock());
    }

    @Bean
    WeeklyMailPreview weeklyMailPreview(CrmStore store, WeeklyMailer mailer, WeeklySendNow sendNow,
            WeeklyMailProperties properties, ReportsProperties reports) {
        return new WeeklyMailPreview(store, mailer, sendNow, properties, reports.timeZone());
    }

    @Bean
    @ConditionalOnWebApplication
    @ConditionalOnRole(Roles.FOLLOWUP)
    WeeklySchedule weeklySchedule(SendWeeklyReports send, WeeklyMailer mailer, WeeklyMailProperties properties) {
        return new WeeklySchedule(send, mailer, properties);
    }

    /** Runs a tick every {@code genjin.reports.weekly.tick} while the server runs, when a mail server is configured. */
    static final class WeeklySchedule implements SmartLifecycle {
        private final SendWeeklyReports send;
        private final WeeklyMailer mailer;
        private final WeeklyMailProperties properties;
        private volatile Repeating repeating;

        WeeklySchedule(SendWeeklyReports send, WeeklyMailer mailer, WeeklyMailProperties properties) {
            this.send = send;
            this.mailer = mailer;
            this.properties = properties;
        }

        @Override
        public void start() {
            if (!properties.enabled() || properties.tick().isZero()) {
                log.info("Weekly report mail off (genjin.reports.weekly.enabled=false or tick 0)");
                return;
            }
            if (!mailer.configured()) {
                log.info("Weekly report mail off: no mail server is configured (spring.mail.host)");
                return;
            }
            log.info("Weekly report mail on: {} {} ({}), chart font {}", properties.day(), properties.at(),
                    properties.admins() ? "managers and admins" : "managers", WeeklyCharts.font());
            repeating = Repeating.every(properties.tick(), "genjin-weekly-report", send::run);
        }

        @Override
        public void stop() {
            Repeating r = repeating;
            repeating = null;
            if (r != null) {
                r.close();
            }
        }

        @Override
        public boolean isRunning() {
            return repeating != null;
        }
    }
}
