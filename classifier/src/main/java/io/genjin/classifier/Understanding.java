package io.genjin.classifier;

import io.genjin.classifier.autoreply.AutoReply;
import io.genjin.classifier.bounce.Bounce;
import io.genjin.classifier.intent.Intent;
import io.genjin.classifier.reply.Forwarded;
import io.genjin.classifier.reply.Signature;

import java.util.Optional;

/**
 * Everything the classifier reads from one message.
 *
 * @param language ISO 639-1 code of the new text, or "und"; empty from {@code EmailUnderstanding.understandToLink}
 * @param text the whole body as plain text (HTML converted when there is no text part)
 * @param safeHtml the HTML body sanitized for display (remote images blocked), or empty (always from
 *                 {@code EmailUnderstanding.understandToLink})
 * @param reply the new part: quoted history and signature removed
 * @param replyKeptWhole stripping would have emptied the reply, so {@code reply} is the whole text
 * @param quote true when the message is (or carries) a quotation: subject, text or attachment names
 */
public record Understanding(String language, String text, String safeHtml, String reply, boolean replyKeptWhole,
                           Signature signature, boolean quotesHistory, Optional<Forwarded> forwarded, Bounce bounce, AutoReply autoReply,
                           Intent intent, boolean quote) {
}
