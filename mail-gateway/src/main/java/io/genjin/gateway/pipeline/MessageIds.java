package io.genjin.gateway.pipeline;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Message-IDs without angle brackets; synthesized from the content hash when a message has none. */
final class MessageIds {
    private static final Pattern ID = Pattern.compile("<([^<>\\s]+)>");

    private MessageIds() {
    }

    static String of(Map<String, List<String>> headers, String rawKey) {
        List<String> values = headers.get("message-id");
        if (values != null && !values.isEmpty()) {
            Matcher m = ID.matcher(values.get(0));
            String id = m.find() ? m.group(1) : values.get(0).trim();
            if (!id.isBlank() && !id.contains(" ")) {
                return id;
            }
        }
        return rawKey.replace("sha256-", "").substring(0, 32) + "@genjin.invalid";
    }
}
