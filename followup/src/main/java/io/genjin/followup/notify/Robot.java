package io.genjin.followup.notify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How one kind of HTTP receiver wants its message: the request to make, and how to tell from its
 * answer whether it took it (the robots answer HTTP 200 with an error code in the body).
 */
interface Robot {
    JsonMapper JSON = JsonMapper.builder().build();
    int EXCERPT = 200;

    Call call(String url, String secret, Outgoing message, Instant now);

    /** Null when the answer means delivered; otherwise why not. */
    default String failure(int status, String body) {
        return status / 100 == 2 ? null : "HTTP " + status;
    }

    /** An HTTP POST to make. */
    record Call(URI uri, Map<String, String> headers, String body) {
    }

    /** The robots' own answer: {@code {"errcode":0}} (WeCom, DingTalk) or {@code {"code":0}} (Feishu). */
    static String codeFailure(int status, String body, String field, String messageField) {
        if (status / 100 != 2) {
            return "HTTP " + status;
        }
        try {
            JsonNode answer = JSON.readTree(body);
            JsonNode code = answer.get(field);
            if (code != null && code.asInt() != 0) {
                JsonNode message = answer.get(messageField);
                return excerpt(field + " " + code.asInt() + (message == null ? "" : ": " + message.asString()));
            }
            return null;
        } catch (RuntimeException notJson) {
            return excerpt("unreadable answer: " + body);
        }
    }

    /**
     * What of an endpoint's words is kept with a delivery: the first 200 characters, control
     * characters blanked. The rest is never stored (the answer is whatever the endpoint chose to send).
     */
    static String excerpt(String text) {
        if (text == null) {
            return null;
        }
        String cut = text.length() > EXCERPT ? text.substring(0, EXCERPT) + "…" : text;
        return cut.replaceAll("[\\p{Cntrl}]", " ");
    }

    static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** A JSON object with its fields in the order given (receivers and tests see a stable body). */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
