package io.genjin.followup.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.followup.EmbeddedMongo;
import io.genjin.followup.Texts;
import io.genjin.store.CrmStore;
import io.genjin.store.mailbox.SecretCipher;
import io.genjin.store.outbound.OutboundGuard;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the dispatcher refuses, and how a channel's secrets are kept. */
class DispatcherTest {
    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
    private final CrmStore crm = CrmStore.over(mongo.template(), clock, CrmStore.Backend.EMBEDDED);
    private final NotifyStore store = new NotifyStore(mongo.template(), SecretCipher.withKey(new byte[32]));
    private final Texts texts = (key, locale, args) -> key + List.of(args);
    private final List<String> mails = new ArrayList<>();

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void aPlainHttpWebhookIsRefusedUnlessAllowedAndTheDeliveryFailsAtOnce() {
        User rep = crm.users().create("Li Lei", List.of("li@team.example"), Role.REP, null, null, "en");
        store.addChannel(Channel.Scope.USER, rep.id(), ChannelKind.WEBHOOK, "sms", null, "http://127.0.0.1:9/hook", null,
                rep.id(), clock.instant());
        notifier(NotifySettings.DEFAULTS).send(rep, Notification.Kind.TASK, "task:1", "task", List.of("a", "b", "c"), "1", null);
        new Dispatcher(store, crm, MailPort.NONE, NotifySettings.DEFAULTS, clock, OutboundGuard.strict()).dispatch();
        Delivery delivery = store.deliveries(null, null, 10).get(0);
        assertThat(delivery.status()).isEqualTo(Delivery.Status.FAILED);
        assertThat(delivery.lastError()).isEqualTo("only https:// webhook URLs are allowed");
        assertThat(store.due(clock.instant().plusSeconds(3600), 10)).isEmpty();
    }

    @Test
    void aWebhookAimedAtTheServersOwnNetworkIsRefusedWithoutConnectingAndNotRetried() {
        User rep = crm.users().create("Li Lei", List.of("li@team.example"), Role.REP, null, null, "en");
        store.addChannel(Channel.Scope.USER, rep.id(), ChannelKind.WEBHOOK, "metadata", null, "https://127.0.0.1:9/latest",
                null, rep.id(), clock.instant());
        notifier(NotifySettings.DEFAULTS).send(rep, Notification.Kind.TASK, "task:1", "task", List.of("a", "b", "c"), "1", null);
        new Dispatcher(store, crm, MailPort.NONE, NotifySettings.DEFAULTS, clock, OutboundGuard.strict()).dispatch();
        Delivery delivery = store.deliveries(null, null, 10).get(0);
        assertThat(delivery.status()).isEqualTo(Delivery.Status.FAILED);
        assertThat(delivery.lastError()).isEqualTo("the webhook address is not allowed: loopback address");
        assertThat(store.due(clock.instant().plusSeconds(3600), 10)).isEmpty();
    }

    @Test
    void aRobotsLongAnswerIsReadOnlyInPartAndKeptAsAShortExcerpt() throws Exception {
        HttpServer robot = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] answer = ("{\"errcode\":93000,\"errmsg\":\"" + "x".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        robot.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, answer.length);
            try (var out = exchange.getResponseBody()) {
                out.write(answer);
            } catch (java.io.IOException readerStopped) {
                // The dispatcher stops reading after its cap: expected.
            }
        });
        robot.start();
        try {
            User rep = crm.users().create("Li Lei", List.of("li@team.example"), Role.REP, null, null, "en");
            store.addChannel(Channel.Scope.USER, rep.id(), ChannelKind.WECOM, "bot", null,
                    "http://127.0.0.1:" + robot.getAddress().getPort() + "/send?key=k", null, rep.id(), clock.instant());
            NotifySettings http = new NotifySettings(null, null, null, null, null, null, true, null);
            notifier(http).send(rep, Notification.Kind.TASK, "task:1", "task", List.of("a", "b", "c"), "1", null);
            new Dispatcher(store, crm, MailPort.NONE, http, clock, new OutboundGuard(List.of("127.0.0.1/32"),
                    OutboundGuard.Resolver.SYSTEM)).dispatch();
            Delivery delivery = store.deliveries(null, null, 10).get(0);
            assertThat(delivery.lastError()).startsWith("unreadable answer: ").hasSizeLessThanOrEqualTo(201);
        } finally {
            robot.stop(0);
        }
    }

    @Test
    void theSameNotificationKeyNotifiesOnceAndAnEmailChannelUsesTheMailPort() {
        User rep = crm.users().create("Li Lei", List.of("li@team.example"), Role.REP, null, null, "zh-CN");
        store.addChannel(Channel.Scope.USER, rep.id(), ChannelKind.EMAIL, "mail", "li@home.example", null, null, rep.id(),
                clock.instant());
        Notifier notifier = notifier(NotifySettings.DEFAULTS);
        notifier.send(rep, Notification.Kind.TASK, "task:1", "task", List.of("a", "b", "c"), "1", null);
        notifier.send(rep, Notification.Kind.TASK, "task:1", "task", List.of("a", "b", "c"), "1", null);
        MailPort port = (to, subject, text) -> mails.add(to + "|" + subject + "|" + text);
        new Dispatcher(store, crm, port, NotifySettings.DEFAULTS, clock, OutboundGuard.strict()).dispatch();
        assertThat(mails).containsExactly("li@home.example|followup.notify.task.title[a, b, c]|"
                + "followup.notify.task.title[a, b, c]\nfollowup.notify.task.text[a, b, c]");
        assertThat(store.notificationsOf(rep.id(), 10)).hasSize(1);
    }

    @Test
    void aChannelsUrlAndSecretAreStoredSealedAndBoundToTheChannel() {
        Channel channel = store.addChannel(Channel.Scope.USER, "u", ChannelKind.DINGTALK, "bot", null,
                "https://oapi.dingtalk.com/robot/send?access_token=secret-token", "SECsecret", "u", clock.instant());
        Channel stored = store.channel(channel.id()).orElseThrow();
        assertThat(stored.sealedUrl()).doesNotContain("secret-token");
        assertThat(stored.sealedSecret()).doesNotContain("SECsecret");
        assertThat(stored.display()).isEqualTo("https://oapi.dingtalk.com/robot/send");
        assertThat(store.open(stored).url()).endsWith("access_token=secret-token");
        assertThat(store.open(stored).secret()).isEqualTo("SECsecret");
    }

    private Notifier notifier(NotifySettings settings) {
        return new Notifier(store, texts, settings, clock, () -> { });
    }
}
