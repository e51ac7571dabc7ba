package io.genjin.classifier;

import io.genjin.classifier.mime.EmlReader;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The classifier's own view of a message: decoded headers, the text and HTML bodies, the names of
 * attachments and the machine-readable parts a bounce or feedback report carries. The gateway fills
 * it from its own MIME parse; tests and the command line use {@link #fromEml(byte[])}.
 *
 * @param headers header name (lower case) to decoded values, in message order
 * @param text the inline text/plain body, or empty
 * @param html the inline text/html body, or empty
 * @param attachmentNames file names of attachments
 * @param parts report parts: delivery-status, feedback-report, attached message headers
 */
public record Email(Map<String, List<String>> headers, String text, String html,
                    List<String> attachmentNames, List<Part> parts) {

    /** A machine-readable part, kept as text: {@code message/delivery-status}, {@code message/rfc822} headers, …. */
    public record Part(String contentType, String content) {
    }

    public Email {
        headers = headers == null ? Map.of() : lowerCaseNames(headers);
        text = text == null ? "" : text;
        html = html == null ? "" : html;
        attachmentNames = attachmentNames == null ? List.of() : List.copyOf(attachmentNames);
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    /* Header names are case-insensitive (RFC 5322 §1.2.2); callers may pass them as written. */
    private static Map<String, List<String>> lowerCaseNames(Map<String, List<String>> headers) {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .addAll(values == null ? List.of() : values));
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        lower.forEach((name, values) -> frozen.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(frozen);
    }

    /** A bare body with no headers, as in the reply and forward corpora. */
    public static Email ofText(String text) {
        return new Email(Map.of(), text, "", List.of(), List.of());
    }

    /** Parses a raw RFC 5322 message; never throws on malformed input (what can be read is kept). */
    public static Email fromEml(byte[] raw) {
        return EmlReader.read(raw);
    }

    /** The first value of a header, or empty. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    public String subject() {
        return header("subject");
    }

    public String from() {
        return header("from");
    }

    public List<Part> parts(String contentType) {
        return parts.stream().filter(p -> p.contentType().equalsIgnoreCase(contentType)).toList();
    }
}
