package io.genjin.gateway.relay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message Genjin writes itself (a sequence step): plain text, sent as text and as simple HTML so
 * tracking can be inserted, with extra header fields such as List-Unsubscribe.
 *
 * @param messageId without angle brackets; chosen by the caller so a retry is recognised
 */
public record ComposedMail(String messageId, String fromName, String fromAddress, String toName, String toAddress,
        String subject, String text, Map<String, String> headers) {
    public ComposedMail {
        headers = headers == null ? Map.of() : new LinkedHashMap<>(headers);
    }
}
