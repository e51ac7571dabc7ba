package io.genjin.followup.notify;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DingTalk (钉钉) group robot with signing: {@code timestamp} (milliseconds) and {@code sign} =
 * URL-encoded Base64 of HMAC-SHA256, keyed with the secret, over {@code timestamp + "\n" + secret},
 * added to the URL. DingTalk refuses a timestamp more than an hour off.
 */
final class DingTalkRobot implements Robot {

    @Override
    public Call call(String url, String secret, Outgoing message, Instant now) {
        String target = url;
        if (secret != null && !secret.isEmpty()) {
            target = url + (url.contains("?") ? "&" : "?") + "timestamp=" + now.toEpochMilli() + "&sign="
                    + sign(now.toEpochMilli(), secret);
        }
        Map<String, Object> markdown = new LinkedHashMap<>();
        markdown.put("title", message.title());
        markdown.put("text", message.markdown());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msgtype", "markdown");
        body.put("markdown", markdown);
        return new Call(URI.create(target), Map.of(), Robot.json(body));
    }

    static String sign(long timestampMillis, String secret) {
        byte[] mac = Robot.hmacSha256(Robot.utf8(secret), Robot.utf8(timestampMillis + "\n" + secret));
        return URLEncoder.encode(Base64.getEncoder().encodeToString(mac), StandardCharsets.UTF_8);
    }

    @Override
    public String failure(int status, String body) {
        return Robot.codeFailure(status, body, "errcode", "errmsg");
    }
}
