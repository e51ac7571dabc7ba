package io.genjin.followup.notify;

import io.genjin.store.CrmStore;
import io.genjin.store.outbound.OutboundGuard;
import io.genjin.store.user.User;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;

/**
 * Sends what is due: each pending delivery once its time has come, at most {@code perMinute} per
 * channel (a token bucket; a delivery over the limit waits without spending an attempt), retrying
 * failures with doubling waits until {@code maxAttempts}. Run once per cluster at a time, so the
 * per-robot limit holds across replicas.
 */
public class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int BATCH = 200;
    /** A robot's answer is a small JSON object; more is never read (a hostile endpoint could stream forever). */
    static final int MAX_ANSWER_BYTES = 16 * 1024;
    private final NotifyStore store;
    private final CrmStore crm;
    private final MailPort mail;
    private final NotifySettings settings;
    private final Clock clock;
    /** Made at the first webhook call: a JDK HTTP client loads the TLS trust store and starts a thread, about 0.1 s of every start otherwise. */
    private final SingletonSupplier<RestClient> http = SingletonSupplier.of(this::newHttp);
    private final TokenBuckets buckets;
    private final Map<ChannelKind, Robot> robots = new EnumMap<>(ChannelKind.class);
    private final OutboundGuard guard;

    public Dispatcher(NotifyStore store, CrmStore crm, MailPort mail, NotifySettings settings, Clock clock,
            OutboundGuard guard) {
        this.guard = guard;
        this.store = store;
        this.crm = crm;
        this.mail = mail;
        this.settings = settings;
        this.clock = clock;
        this.buckets = new TokenBuckets(settings.perMinute());
        robots.put(ChannelKind.WECOM, new WeComRobot());
        robots.put(ChannelKind.DINGTALK, new DingTalkRobot());
        robots.put(ChannelKind.FEISHU, new FeishuRobot());
        robots.put(ChannelKind.WEBHOOK, new GenericWebhook());
    }

    private RestClient newHttp() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(settings.timeout());
        return RestClient.builder().requestFactory(factory).build();
    }

    /** One round: attempts every delivery that is due; returns how many were attempted. */
    public int dispatch() {
        int attempted = 0;
        Map<String, Optional<User>> users = new HashMap<>();
        for (NotifyStore.Pending pending : store.due(clock.instant(), BATCH)) {
            Optional<Delivery> found = store.delivery(pending.id());
            if (found.isEmpty() || found.get().status() != Delivery.Status.PENDING) {
                store.dropPending(pending.id());
                continue;
            }
            Delivery delivery = found.get();
            Optional<Channel> channel = store.channel(delivery.channelId());
            Optional<Notification> notification = store.notification(delivery.notificationId());
            if (channel.isEmpty() || notification.isEmpty()) {
                store.failed(delivery, null, "the channel was removed", null);
                continue;
            }
            Instant now = clock.instant();
            Optional<Instant> wait = buckets.take(channel.get().id(), now);
            if (wait.isPresent()) {
                store.postpone(delivery, wait.get());
                continue;
            }
            User user = users.computeIfAbsent(delivery.userId(), id -> crm.users().find(id)).orElse(null);
            attempted++;
            attempt(delivery, channel.get(), notification.get(), user, now);
        }
        return attempted;
    }

    private void attempt(Delivery delivery, Channel channel, Notification n, User user, Instant now) {
        Attempt attempt = deliver(channel, outgoing(n, channel, user), now);
        switch (attempt.outcome()) {
            case DELIVERED -> {
                store.sent(delivery, attempt.status() == null ? 250 : attempt.status(), clock.instant());
                log.info("delivery {} sent on {} {}", delivery.id(), channel.kind(), delivery.target());
            }
            case REFUSED -> {
                store.failed(delivery, null, attempt.detail(), null);
                log.warn("delivery {} on {} refused: {}", delivery.id(), channel.kind(), attempt.detail());
            }
            default -> {
                int attempts = delivery.attempts() + 1;
                Instant retryAt = attempts >= settings.maxAttempts() ? null : clock.instant().plus(settings.backoff(attempts));
                store.failed(delivery, attempt.status(), attempt.detail(), retryAt);
                log.warn("delivery {} on {} {} failed (attempt {}): {}{}", delivery.id(), channel.kind(), delivery.target(),
                        attempts, attempt.detail(), retryAt == null ? "; giving up" : "; retrying at " + retryAt);
            }
        }
    }

    /**
     * Sends a test message on the channel now, through the same robot code, signing, outbound guard
     * and rate limit as every notification, and says what came of it. Nothing is logged as a delivery
     * and nothing is retried: the person who asked reads the outcome at once.
     *
     * @param title the test message's title, in the recipient's language
     * @param text  its text
     */
    public Attempt test(Channel channel, User user, String title, String text) {
        Instant now = clock.instant();
        Optional<Instant> wait = buckets.take(channel.id(), now);
        if (wait.isPresent()) {
            return new Attempt(Attempt.Outcome.THROTTLED, null, "rate limit: next message possible at " + wait.get(), wait.get());
        }
        Notification n = new Notification("test-" + now.toEpochMilli(), null, user.id(), Notification.Kind.TEST, title, text,
                null, null, settings.baseUrl(), now, null);
        Attempt attempt = deliver(channel, outgoing(n, channel, user), now);
        log.info("test message on {} channel {} ({}): {} {}", channel.kind(), channel.id(), user.id(), attempt.outcome(),
                attempt.detail() == null ? "" : attempt.detail());
        return attempt;
    }

    private static Outgoing outgoing(Notification n, Channel channel, User user) {
        return new Outgoing(n.id(), n.kind(), n.title(), n.text(), n.link(), n.userId(),
                user == null ? null : user.name(), user == null ? null : user.locale(), channel.address(), n.taskId(),
                n.companyId(), n.createdAt());
    }

    /** One attempt on one channel: delivered, failed (worth another try), or refused (never worth one). */
    private Attempt deliver(Channel channel, Outgoing message, Instant now) {
        try {
            if (channel.kind() == ChannelKind.EMAIL) {
                mail.send(channel.address(), message.title(), message.plain());
                return new Attempt(Attempt.Outcome.DELIVERED, null, null, null);
            }
            NotifyStore.Secrets secrets = store.open(channel);
            if (!settings.allowHttp() && !secrets.url().startsWith("https://")) {
                return new Attempt(Attempt.Outcome.REFUSED, null, "only https:// webhook URLs are allowed", null);
            }
            Robot robot = robots.get(channel.kind());
            Robot.Call call = robot.call(secrets.url(), secrets.secret(), message, now);
            try {
                // Checked at every attempt, right before connecting: the name may resolve elsewhere by now.
                guard.check(call.uri());
            } catch (OutboundGuard.Refused refused) {
                return new Attempt(Attempt.Outcome.REFUSED, null, "the webhook address is not allowed: " + refused.reason(),
                        null);
            }
            Answer answer = post(call);
            String failure = robot.failure(answer.status(), answer.body());
            return failure == null ? new Attempt(Attempt.Outcome.DELIVERED, answer.status(), null, null)
                    : new Attempt(Attempt.Outcome.FAILED, answer.status(), failure, null);
        } catch (RuntimeException e) {
            return new Attempt(Attempt.Outcome.FAILED, null, Robot.excerpt(e.getClass().getSimpleName() + ": " + e.getMessage()),
                    null);
        }
    }

    private Answer post(Robot.Call call) {
        return http.obtain().post().uri(call.uri()).contentType(MediaType.APPLICATION_JSON)
                .headers(h -> call.headers().forEach(h::set)).body(call.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .exchange((request, response) -> new Answer(response.getStatusCode().value(),
                        new String(response.getBody().readNBytes(MAX_ANSWER_BYTES), java.nio.charset.StandardCharsets.UTF_8)));
    }

    private record Answer(int status, String body) {
    }
}
