package io.genjin.followup.notify;

import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Feishu/Lark (飞书) group robot with signing: {@code timestamp} (seconds) and {@code sign} = Base64
 * of HMAC-SHA256 keyed with {@code timestamp + "\n" + secret} over an empty message, in the body.
 */
final class FeishuRobot implements Robot {

    @Override
    public Call call(String url, String secret, Outgoing message, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (secret != null && !secret.isEmpty()) {
            body.put("timestamp", Long.toString(now.getEpochSecond()));
            body.put("sign", sign(now.getEpochSecond(), secret));
        }
        body.put("msg_type", "text");
        body.put("content", Robot.object("text", message.plain()));
        return new Call(URI.create(url), Map.of(), Robot.json(body));
    }

    static String sign(long timestampSeconds, String secret) {
        return Base64.getEncoder().encodeToString(Robot.hmacSha256(Robot.utf8(timestampSeconds + "\n" + secret), new byte[0]));
    }

    @Override
    public String failure(int status, String body) {
        String failure = Robot.codeFailure(status, body, "code", "msg");
        return failure != null ? failure : Robot.codeFailure(status, body, "StatusCode", "StatusMessage");
    }
}
