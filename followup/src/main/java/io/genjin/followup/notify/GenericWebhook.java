package io.genjin.followup.notify;

import java.net.URI;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Any HTTP receiver (an SMS gateway, a chat bridge): a JSON event. With a secret, the headers
 * {@code X-Genjin-Timestamp} (seconds) and {@code X-Genjin-Signature: sha256=<hex>} carry the
 * HMAC-SHA256, keyed with the secret, of {@code timestamp + "." + body}, so the receiver can check
 * the sender and refuse replays. Any 2xx answer counts as delivered.
 */
final class GenericWebhook implements Robot {

    @Override
    public Call call(String url, String secret, Outgoing m, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "genjin.notification");
        body.put("id", m.notificationId());
        body.put("kind", m.kind().name());
        body.put("to", m.address());
        body.put("user", Robot.object("id", m.userId(), "name", m.userName(), "locale", m.locale()));
        body.put("title", m.title());
        body.put("text", m.text());
        body.put("link", m.link());
        body.put("taskId", m.taskId());
        body.put("companyId", m.companyId());
        body.put("createdAt", m.createdAt().toString());
        String json = Robot.json(body);
        Map<String, String> headers = new LinkedHashMap<>();
        if (secret != null && !secret.isEmpty()) {
            String timestamp = Long.toString(now.getEpochSecond());
            headers.put("X-Genjin-Timestamp", timestamp);
            headers.put("X-Genjin-Signature", "sha256=" + HexFormat.of().formatHex(
                    Robot.hmacSha256(Robot.utf8(secret), Robot.utf8(timestamp + "." + json))));
        }
        return new Call(URI.create(url), headers, json);
    }
}
