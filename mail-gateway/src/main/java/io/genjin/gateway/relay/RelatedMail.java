package io.genjin.gateway.relay;

import java.util.List;
import java.util.Map;

/**
 * A message Genjin writes to one of its users (the weekly report mail): plain text and HTML, and the
 * images the HTML shows through {@code cid:} addresses. {@link Composer#compose(RelatedMail)} writes
 * it as {@code multipart/related}.
 *
 * @param fromAddress the sender, or null for none (the mail server's account then stands for it)
 * @param headers     further header fields, such as {@code Auto-Submitted}
 */
public record RelatedMail(String messageId, String fromAddress, String fromName, String toAddress, String subject,
        String text, String html, List<Inline> images, Map<String, String> headers) {

    /** An image part: its Content-ID without angle brackets (what the HTML names as {@code cid:…}). */
    public record Inline(String contentId, String contentType, byte[] bytes) {
    }
}
