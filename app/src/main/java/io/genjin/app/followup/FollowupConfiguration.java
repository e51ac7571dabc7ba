package io.genjin.app.followup;

import io.genjin.app.events.EventConsumer;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.mailbox.MailboxKeys;
import io.genjin.app.mailbox.MailboxProperties;
import io.genjin.app.store.ClusterLeases;
import io.genjin.app.store.StoreProperties;
import io.genjin.followup.ClusterOnce;
import io.genjin.followup.FollowupScan;
import io.genjin.followup.FollowupSettings;
import io.genjin.followup.ScanReport;
import io.genjin.followup.Texts;
import io.genjin.followup.escalation.EscalateOverdueTask;
import io.genjin.followup.facts.Facts;
import io.genjin.followup.health.Health;
import io.genjin.followup.health.HealthEvents;
import io.genjin.followup.health.RecordsWatch;
import io.genjin.followup.health.HealthScan;
import io.genjin.followup.health.HealthStore;
import io.genjin.followup.notify.Dispatcher;
import io.genjin.followup.notify.MailPort;
import io.genjin.followup.notify.NotifyStore;
import io.genjin.followup.notify.Notifier;
import io.genjin.followup.rules.FollowupEvents;
import io.genjin.store.outbound.OutboundGuard;
import io.genjin.followup.rules.Rules;
import io.genjin.followup.rules.TaskActions;
import io.genjin.store.CrmStore;
import io.genjin.store.contract.Contracts;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;

/**
 * Everything the follow-up module needs, wired in one place: its stores, the rules, the consumer
 * that feeds them the domain events (in the {@code followup} role, from the store's outbox), and — in the web application with the {@code followup} role, not in command-line
 * runs — the schedule that runs the scan and sends notifications, each once per cluster at a time.
 */
@Configuration(proxyBeanMethods = false)
public class FollowupConfiguration {
    private static final Logger log = LoggerFactory.getLogger(FollowupConfiguration.class);
    static final String SCAN_LEASE = "followup-scan";
    static final String DISPATCH_LEASE = "followup-notify";
    static final String HEALTH_LEASE = "followup-health";
    /** The hour of the team's day after which the nightly health recompute runs (once that day). */
    static final int HEALTH_HOUR = 2;

    @Bean
    FollowupSettings followupSettings(FollowupProperties properties) {
        return properties.settings();
    }

    /** Rule texts and notifications in the reader's language, from the app's message bundles. */
    @Bean
    Texts followupTexts(MessageSource messages) {
        return (key, locale, args) -> messages.getMessage(key, args, key, locale);
    }

    @Bean
    Facts followupFacts(MongoTemplate mongo) {
        return new Facts(mongo);
    }

    @Bean
    Contracts contracts(MongoTemplate mongo) {
        return new Contracts(mongo);
    }

    @Bean
    Rules followupRules(FollowupSettings settings) {
        return Rules.of(settings.rules());
    }

    @Bean
    NotifyStore notifyStore(MongoTemplate mongo, MailboxProperties mailbox, StoreProperties store) {
        return new NotifyStore(mongo, MailboxKeys.cipher(mailbox, store));
    }

    @Bean
    ClusterOnce clusterOnce(MongoTemplate mongo, FollowupProperties properties) {
        return new ClusterOnce(ClusterLeases.over(mongo), properties.scanLease());
    }

    /** Email notifications go through {@code spring.mail.*}; without a mail server an email channel fails with that reason. */
    @Bean
    Dispatcher notificationDispatcher(NotifyStore store, CrmStore crm, ObjectProvider<MailSender> mail,
            FollowupSettings settings, Clock clock, OutboundGuard guard) {
        MailSender sender = mail.getIfAvailable();
        MailPort port = sender == null ? MailPort.NONE : (to, subject, text) -> {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setTo(to);
            message.setSubject(subject);
            message.setText(text);
            sender.send(message);
        };
        return new Dispatcher(store, crm, port, settings.notifications(), clock, guard);
    }

    @Bean
    Wake notificationWake() {
        return new Wake();
    }

    @Bean
    Notifier notifier(NotifyStore store, Texts texts, FollowupSettings settings, Clock clock, Wake wake) {
        return new Notifier(store, texts, settings.notifications(), clock, wake);
    }

    @Bean
    TaskActions taskActions(CrmStore store, Facts facts, Notifier notifier, Texts texts, FollowupSettings settings) {
        return new TaskActions(store, facts, notifier, texts, settings.taskDueIn(), settings.timeZone());
    }

    @Bean
    EscalateOverdueTask escalateOverdueTask(CrmStore store, Notifier notifier, Texts texts, FollowupSettings settings) {
        return new EscalateOverdueTask(store, notifier, texts, settings.escalation(), settings.timeZone());
    }

    @Bean
    FollowupScan followupScan(CrmStore store, Facts facts, Contracts contracts, Rules rules, TaskActions actions,
            EscalateOverdueTask escalation, Notifier notifier, FollowupSettings settings, Clock clock) {
        return new FollowupScan(store, facts, contracts, rules, actions, escalation, notifier, settings, clock);
    }

    @Bean
    FollowupEvents followupEvents(CrmStore store, Facts facts, Rules rules, TaskActions actions, Notifier notifier,
            FollowupSettings settings, Clock clock) {
        return new FollowupEvents(store, facts, rules, actions, notifier, clock, settings.timeZone());
    }

    @Bean
    HealthStore healthStore(MongoTemplate mongo) {
        return new HealthStore(mongo);
    }

    @Bean
    HealthEvents healthEvents(CrmStore store, HealthStore health, TaskActions actions, Texts texts, FollowupSettings settings,
            Clock clock) {
        return new HealthEvents(store, health, actions, texts, clock, settings.timeZone());
    }

    /** A customer's health follows its orders, payments, tasks and owner as they are written here. */
    @Bean(destroyMethod = "close")
    RecordsWatch healthRecordsWatch(CrmStore store, HealthEvents events) {
        return RecordsWatch.start(store.changes(), events);
    }

    @Bean
    HealthScan healthScan(CrmStore store, HealthStore health, TaskActions actions, Texts texts, FollowupSettings settings,
            Clock clock) {
        return new HealthScan(store, health, actions, texts, clock, settings.timeZone());
    }

    @Bean
    Health health(HealthStore store, HealthEvents events, FollowupSettings settings, Clock clock) {
        return new Health(store, events, clock, settings.timeZone());
    }

    /** Recomputes every customer's health now under the cluster lease; empty when another replica is at it. */
    @Bean
    HealthNow healthNow(ClusterOnce once, HealthScan scan) {
        return () -> once.run(HEALTH_LEASE, Duration.ofMinutes(30), Duration.ZERO, scan::run);
    }

    /** Recomputes every customer's health now, once per cluster. */
    @FunctionalInterface
    public interface HealthNow {
        Optional<HealthScan.Report> run();
    }

    /**
     * The rules' side of the domain events, in the {@code followup} role only: one process of the role
     * handles each customer's events (see {@link EventConsumer}).
     */
    @Bean
    @ConditionalOnRole(Roles.FOLLOWUP)
    EventConsumer followupEventConsumer(FollowupEvents events) {
        return EventConsumer.named("followup", events::on);
    }

    /**
     * The health score's and smart tags' side of the domain events, in the {@code followup} role only,
     * with its own saved position: a customer whose health cannot be computed now does not hold up
     * the rules. Signals are recorded per event, each moved customer recomputed once per round.
     */
    @Bean
    @ConditionalOnRole(Roles.FOLLOWUP)
    EventConsumer healthEventConsumer(HealthEvents health) {
        HealthEvents.Round round = health.round();
        return EventConsumer.named("health", round::on, round::end);
    }

    /** Runs the scan now under the cluster lease; empty when another replica is running it. */
    @Bean
    ScanNow scanNow(ClusterOnce once, FollowupScan scan) {
        return () -> once.run(SCAN_LEASE, Duration.ofMinutes(30), Duration.ZERO, scan::run);
    }

    @Bean
    @ConditionalOnWebApplication
    @ConditionalOnRole(Roles.FOLLOWUP)
    Schedule followupSchedule(ClusterOnce once, FollowupScan scan, Dispatcher dispatcher, FollowupSettings settings,
            Wake wake, HealthScan health) {
        return new Schedule(once, scan, dispatcher, settings, wake, health);
    }

    /** Runs the follow-up scan now, once per cluster. */
    @FunctionalInterface
    public interface ScanNow {
        Optional<ScanReport> run();
    }

    /** Lets a fresh notification be sent without waiting for the dispatcher's next round. */
    static final class Wake implements Runnable {
        private volatile Runnable target = () -> { };

        @Override
        public void run() {
            target.run();
        }
    }

    /**
     * The scan every {@code scan-interval} (holding its lease for nine tenths of it, so replicas whose
     * timers are offset do not each run a round) and the dispatcher every {@code dispatch-interval},
     * on one thread of their own.
     */
    static final class Schedule implements SmartLifecycle {
        private final ClusterOnce once;
        private final FollowupScan scan;
        private final Dispatcher dispatcher;
        private final FollowupSettings settings;
        private final Wake wake;
        private final HealthScan health;
        private ScheduledExecutorService executor;

        Schedule(ClusterOnce once, FollowupScan scan, Dispatcher dispatcher, FollowupSettings settings, Wake wake,
                HealthScan health) {
            this.health = health;
            this.once = once;
            this.scan = scan;
            this.dispatcher = dispatcher;
            this.settings = settings;
            this.wake = wake;
        }

        @Override
        public synchronized void start() {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "followup");
                thread.setDaemon(true);
                return thread;
            });
            Duration interval = settings.scanInterval();
            if (!interval.isZero()) {
                Duration hold = interval.multipliedBy(9).dividedBy(10);
                executor.scheduleWithFixedDelay(() -> guarded("scan", () -> once.run(SCAN_LEASE,
                        hold.compareTo(Duration.ofMinutes(30)) > 0 ? hold : Duration.ofMinutes(30), hold, scan::run)),
                        interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                log.info("The scheduled follow-up scan is off (genjin.followup.scan-interval=0)");
            }
            // The nightly health recompute: looked at every quarter hour, run once a day after HEALTH_HOUR.
            executor.scheduleWithFixedDelay(() -> guarded("health recompute", () -> once.run(HEALTH_LEASE,
                    Duration.ofMinutes(30), Duration.ZERO, () -> health.runIfDue(HEALTH_HOUR))), 1, 15, TimeUnit.MINUTES);
            long every = settings.notifications().dispatchInterval().toMillis();
            executor.scheduleWithFixedDelay(this::dispatch, every, every, TimeUnit.MILLISECONDS);
            ScheduledExecutorService running = executor;
            wake.target = () -> {
                if (!running.isShutdown()) {
                    running.execute(this::dispatch);
                }
            };
        }

        private void dispatch() {
            guarded("notification dispatch", () -> once.run(DISPATCH_LEASE, Duration.ofMinutes(5), Duration.ZERO,
                    dispatcher::dispatch));
        }

        /**
         * Whatever one run throws (an {@link Error} included) is logged and the schedule goes on:
         * the executor would cancel it for good otherwise. Why not even a VirtualMachineError is let
         * through: see {@link io.genjin.app.schedule.Repeating}.
         */
        static void guarded(String what, Runnable job) {
            try {
                job.run();
            } catch (Throwable e) {
                log.error("follow-up {} failed; it runs again on schedule", what, e);
            }
        }

        @Override
        public synchronized void stop() {
            wake.target = () -> { };
            if (executor != null) {
                executor.shutdownNow();
                executor = null;
            }
        }

        @Override
        public synchronized boolean isRunning() {
            return executor != null;
        }
    }
}
