package io.genjin.followup.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The robots' signing recipes against values computed independently (Python's hmac, hashlib and
 * base64 modules), and how each robot's answer is read.
 */
class SigningTest {
    private static final Outgoing MESSAGE = new Outgoing("n1", Notification.Kind.TASK, "Title", "Line one\nLine two", null,
            "u1", "Li Lei", "en", null, "t1", "c1", Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void dingTalkSignsTimestampNewlineSecretWithTheSecretAndUrlEncodesTheBase64() {
        assertThat(DingTalkRobot.sign(1700000000000L, "SEC000000000000000000000"))
                .isEqualTo("1zJ%2Fw34EOSVAYr7cu7Vo8LnebmK2%2FGrCgegtr8mQrqM%3D");
        Robot.Call call = new DingTalkRobot().call("https://oapi.dingtalk.com/robot/send?access_token=abc",
                "SEC000000000000000000000", MESSAGE, Instant.ofEpochMilli(1700000000000L));
        assertThat(call.uri().toString()).isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=abc"
                + "&timestamp=1700000000000&sign=1zJ%2Fw34EOSVAYr7cu7Vo8LnebmK2%2FGrCgegtr8mQrqM%3D");
    }

    @Test
    void feishuSignsAnEmptyMessageKeyedWithTimestampNewlineSecretInSeconds() {
        assertThat(FeishuRobot.sign(1599360473L, "demo")).isEqualTo("l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=");
        Robot.Call call = new FeishuRobot().call("https://open.feishu.cn/open-apis/bot/v2/hook/x", "demo", MESSAGE,
                Instant.ofEpochSecond(1599360473L));
        assertThat(call.body()).isEqualTo("{\"timestamp\":\"1599360473\",\"sign\":\"l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=\","
                + "\"msg_type\":\"text\",\"content\":{\"text\":\"Title\\nLine one\\nLine two\"}}");
    }

    @Test
    void unsignedRobotsSendNoSignature() {
        Robot.Call ding = new DingTalkRobot().call("https://oapi.dingtalk.com/robot/send?access_token=abc", null, MESSAGE,
                Instant.EPOCH);
        assertThat(ding.uri().getQuery()).isEqualTo("access_token=abc");
        assertThat(new GenericWebhook().call("https://sms.example/send", null, MESSAGE, Instant.EPOCH).headers()).isEmpty();
    }

    @Test
    void aRobotsErrorCodeInAnHttp200IsAFailure() {
        assertThat(new WeComRobot().failure(200, "{\"errcode\":0,\"errmsg\":\"ok\"}")).isNull();
        assertThat(new WeComRobot().failure(200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}"))
                .isEqualTo("errcode 93000: invalid webhook url");
        assertThat(new DingTalkRobot().failure(200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}"))
                .isEqualTo("errcode 310000: sign not match");
        assertThat(new FeishuRobot().failure(200, "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour\"}"))
                .startsWith("code 19021");
        assertThat(new FeishuRobot().failure(200, "{\"StatusCode\":0,\"StatusMessage\":\"success\"}")).isNull();
        assertThat(new GenericWebhook().failure(500, "")).isEqualTo("HTTP 500");
        assertThat(new WeComRobot().failure(200, "<html>gateway</html>")).startsWith("unreadable answer");
    }

    @Test
    void aLongWeComMessageIsCutToWhatTheRobotAccepts() {
        Outgoing longOne = new Outgoing("n", Notification.Kind.DIGEST, "T", "客户".repeat(2000), null, "u", "n", "zh-CN", null,
                null, null, Instant.EPOCH);
        String body = new WeComRobot().call("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", null, longOne, Instant.EPOCH)
                .body();
        assertThat(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(4096);
    }

    @Test
    void retriesWaitTwiceAsLongEachTimeUpToTheCap() {
        NotifySettings settings = new NotifySettings(null, null, Duration.ofSeconds(30), Duration.ofMinutes(5), null, null,
                null, null);
        assertThat(settings.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.backoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.backoff(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(settings.backoff(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.backoff(30)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theBucketGivesTwentyAMinuteThenOneEveryThreeSeconds() {
        TokenBuckets buckets = new TokenBuckets(20);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 20; i++) {
            assertThat(buckets.take("bot", t)).isEmpty();
        }
        assertThat(buckets.take("bot", t)).contains(t.plusSeconds(3));
        assertThat(buckets.take("other-bot", t)).isEmpty();
        assertThat(buckets.take("bot", t.plusSeconds(3))).isEmpty();
        assertThat(buckets.take("bot", t.plusSeconds(4))).isPresent();
    }
}
