package io.genjin.followup.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.genjin.followup.EmbeddedMongo;
import io.genjin.store.CrmStore;
import io.genjin.store.mailbox.SecretCipher;
import io.genjin.store.outbound.OutboundGuard;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Send a test" on a channel: the real robot code posts to a local server standing in for WeCom,
 * DingTalk and Feishu, which checks each platform's payload and signature the way the platform does;
 * the outcome says delivered, the platform's own error, or the outbound guard's refusal. Nothing is
 * written to the delivery log.
 */
class TestSendTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
    private final CrmStore crm = CrmStore.over(mongo.template(), clock, CrmStore.Backend.EMBEDDED);
    private final NotifyStore store = new NotifyStore(mongo.template(), SecretCipher.withKey(new byte[32]));
    private final NotifySettings http = new NotifySettings(null, null, null, null, null, null, true, null);
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private HttpServer robots;
    private User rep;

    record Received(String path, String query, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        robots = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        robots.createContext("/wecom", exchange -> answer(exchange, "{\"errcode\":0,\"errmsg\":\"ok\"}"));
        robots.createContext("/wecom-bad", exchange -> answer(exchange, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}"));
        robots.createContext("/dingtalk", exchange -> {
            // DingTalk's own check: the sign in the query is the HMAC of timestamp\nsecret.
            Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
            String expected = Base64.getEncoder().encodeToString(hmac("SECding".getBytes(StandardCharsets.UTF_8),
                    q.get("timestamp") + "\nSECding"));
            answer(exchange, expected.equals(q.get("sign")) ? "{\"errcode\":0,\"errmsg\":\"ok\"}"
                    : "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
        });
        robots.createContext("/feishu", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode json = JSON.readTree(body);
            String expected = Base64.getEncoder().encodeToString(hmac((json.get("timestamp").asString() + "\nfeishu-secret")
                    .getBytes(StandardCharsets.UTF_8), ""));
            answer(exchange, body, expected.equals(json.get("sign").asString()) ? "{\"code\":0,\"msg\":\"success\"}"
                    : "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour\"}");
        });
        robots.start();
        rep = crm.users().create("Li Lei", List.of("li@team.example"), Role.REP, null, null, "zh-CN");
    }

    @AfterEach
    void stop() {
        robots.stop(0);
        mongo.close();
    }

    @Test
    void aWeComTestIsAMarkdownMessageAndIsDeliveredWithoutADeliveryRecord() {
        Channel channel = channel(ChannelKind.WECOM, "/wecom?key=abc", null);
        Attempt attempt = dispatcher(loopbackAllowed()).test(channel, rep, "测试通知", "通知渠道可用。");
        assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.DELIVERED);
        assertThat(attempt.status()).isEqualTo(200);
        Received got = received.poll();
        assertThat(got.path()).isEqualTo("/wecom");
        assertThat(got.query()).isEqualTo("key=abc");
        JsonNode body = JSON.readTree(got.body());
        assertThat(body.get("msgtype").asString()).isEqualTo("markdown");
        assertThat(body.get("markdown").get("content").asString()).isEqualTo("### 测试通知\n\n通知渠道可用。");
        assertThat(store.deliveries(null, null, 10)).isEmpty();
    }

    @Test
    void aDingTalkTestIsSignedInTheQueryAndTheRobotAcceptsTheSignature() {
        Attempt good = dispatcher(loopbackAllowed()).test(channel(ChannelKind.DINGTALK, "/dingtalk?access_token=t", "SECding"),
                rep, "Test", "It works.");
        assertThat(good.outcome()).isEqualTo(Attempt.Outcome.DELIVERED);
        Received got = received.poll();
        Map<String, String> q = query(got.query());
        assertThat(q).containsEntry("access_token", "t").containsEntry("timestamp", Long.toString(clock.millis()));
        JsonNode body = JSON.readTree(got.body());
        assertThat(body.get("msgtype").asString()).isEqualTo("markdown");
        assertThat(body.get("markdown").get("title").asString()).isEqualTo("Test");

        Attempt wrongSecret = dispatcher(loopbackAllowed()).test(channel(ChannelKind.DINGTALK, "/dingtalk?access_token=t",
                "SECother"), rep, "Test", "It works.");
        assertThat(wrongSecret.outcome()).isEqualTo(Attempt.Outcome.FAILED);
        assertThat(wrongSecret.detail()).isEqualTo("errcode 310000: sign not match");
    }

    @Test
    void aFeishuTestCarriesTimestampAndSignInTheBodyAndAPlatformErrorIsTheOutcome() {
        Attempt good = dispatcher(loopbackAllowed()).test(channel(ChannelKind.FEISHU, "/feishu", "feishu-secret"), rep,
                "Test", "It works.");
        assertThat(good.outcome()).isEqualTo(Attempt.Outcome.DELIVERED);
        JsonNode body = JSON.readTree(received.poll().body());
        assertThat(body.get("timestamp").asString()).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        assertThat(body.get("msg_type").asString()).isEqualTo("text");
        assertThat(body.get("content").get("text").asString()).isEqualTo("Test\nIt works.");

        Attempt unsigned = dispatcher(loopbackAllowed()).test(channel(ChannelKind.FEISHU, "/feishu", "wrong"), rep, "Test",
                "It works.");
        assertThat(unsigned.outcome()).isEqualTo(Attempt.Outcome.FAILED);
        assertThat(unsigned.detail()).startsWith("code 19021: sign match fail");
        Attempt bad = dispatcher(loopbackAllowed()).test(channel(ChannelKind.WECOM, "/wecom-bad?key=x", null), rep, "T", "t");
        assertThat(bad.detail()).isEqualTo("errcode 93000: invalid webhook url");
    }

    @Test
    void theOutboundGuardRefusesALoopbackRobotWithoutConnecting() {
        Attempt refused = dispatcher(OutboundGuard.strict()).test(channel(ChannelKind.WECOM, "/wecom?key=abc", null), rep,
                "T", "t");
        assertThat(refused.outcome()).isEqualTo(Attempt.Outcome.REFUSED);
        assertThat(refused.detail()).isEqualTo("the webhook address is not allowed: loopback address");
        assertThat(received).isEmpty();
    }

    @Test
    void anEmailChannelsTestGoesThroughTheMailPortAndItsFailureIsTheOutcome() {
        Channel mail = store.addChannel(Channel.Scope.USER, rep.id(), ChannelKind.EMAIL, "mail", "li@home.example", null, null,
                rep.id(), clock.instant());
        List<String> mails = new ArrayList<>();
        Attempt sent = new Dispatcher(store, crm, (to, subject, text) -> mails.add(to + "|" + subject), http, clock,
                OutboundGuard.strict()).test(mail, rep, "Test", "It works.");
        assertThat(sent.outcome()).isEqualTo(Attempt.Outcome.DELIVERED);
        assertThat(mails).containsExactly("li@home.example|Test");
        Attempt none = new Dispatcher(store, crm, MailPort.NONE, http, clock, OutboundGuard.strict()).test(mail, rep, "T", "t");
        assertThat(none.outcome()).isEqualTo(Attempt.Outcome.FAILED);
        assertThat(none.detail()).contains("no mail server is configured");
    }

    @Test
    void testsShareTheChannelsRateLimit() {
        NotifySettings twoAMinute = new NotifySettings(2, null, null, null, null, null, true, null);
        Dispatcher dispatcher = new Dispatcher(store, crm, MailPort.NONE, twoAMinute, clock, loopbackAllowed());
        Channel channel = channel(ChannelKind.WECOM, "/wecom?key=abc", null);
        assertThat(dispatcher.test(channel, rep, "T", "1").outcome()).isEqualTo(Attempt.Outcome.DELIVERED);
        assertThat(dispatcher.test(channel, rep, "T", "2").outcome()).isEqualTo(Attempt.Outcome.DELIVERED);
        Attempt third = dispatcher.test(channel, rep, "T", "3");
        assertThat(third.outcome()).isEqualTo(Attempt.Outcome.THROTTLED);
        assertThat(third.nextTryAt()).isAfter(clock.instant());
        assertThat(received).hasSize(2);
    }

    private Channel channel(ChannelKind kind, String pathAndQuery, String secret) {
        return store.addChannel(Channel.Scope.USER, rep.id(), kind, kind.name(), null,
                "http://127.0.0.1:" + robots.getAddress().getPort() + pathAndQuery, secret, rep.id(), clock.instant());
    }

    private Dispatcher dispatcher(OutboundGuard guard) {
        return new Dispatcher(store, crm, MailPort.NONE, http, clock, guard);
    }

    private static OutboundGuard loopbackAllowed() {
        return new OutboundGuard(List.of("127.0.0.1/32"), OutboundGuard.Resolver.SYSTEM);
    }

    private void answer(com.sun.net.httpserver.HttpExchange exchange, String answer) throws IOException {
        answer(exchange, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), answer);
    }

    private void answer(com.sun.net.httpserver.HttpExchange exchange, String body, String answer) throws IOException {
        received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), body));
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
