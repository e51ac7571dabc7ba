package io.genjin.gateway.pipeline;

import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.gateway.mime.ParsedMail;
import io.genjin.store.linking.LinkDecision;
import io.genjin.store.message.MailReading;
import java.util.List;
import java.util.Map;

/**
 * One message on its way through the pipeline, immutable: each step returns a copy with what it
 * learned. {@code logged} is what goes on the timeline: the message itself, or for a forward to
 * the dropbox the original it carries (then {@code forwardedBy} names the user who forwarded it).
 * {@code reading} is what the classifier read in a customer's own words (inbound customer mail only).
 * {@code unstored}: the duplicate check found no message stored under {@code messageId}.
 */
public record InboundMessage(
        RawMail raw,
        MailSource source,
        String rawKey,
        String messageId,
        Map<String, List<String>> headers,
        ParsedMail mail,
        ParsedMail logged,
        String forwardedBy,
        Understanding.Result understanding,
        String threadKey,
        LinkDecision decision,
        String storedId,
        MailReading reading,
        boolean unstored) {

    public static InboundMessage of(RawMail raw, MailSource source) {
        return new InboundMessage(raw, source, null, null, Map.of(), null, null, null, null, null, null, null, null, false);
    }

    InboundMessage withUnstored() {
        return new InboundMessage(raw, source, rawKey, messageId, headers, mail, logged, forwardedBy, understanding,
                threadKey, decision, storedId, reading, true);
    }

    InboundMessage withRawKey(String key) {
        return new InboundMessage(raw, source, key, messageId, headers, mail, logged, forwardedBy, understanding, threadKey,
                decision, storedId, reading, unstored);
    }

    InboundMessage withHeaders(String id, Map<String, List<String>> h) {
        return new InboundMessage(raw, source, rawKey, id, h, mail, logged, forwardedBy, understanding, threadKey, decision,
                storedId, reading, unstored);
    }

    InboundMessage withMail(ParsedMail parsed) {
        return new InboundMessage(raw, source, rawKey, messageId, headers, parsed, parsed, forwardedBy, understanding,
                threadKey, decision, storedId, reading, unstored);
    }

    InboundMessage withLogged(ParsedMail original, String forwarder) {
        return new InboundMessage(raw, source, rawKey, messageId, headers, mail, original, forwarder, understanding,
                threadKey, decision, storedId, reading, unstored);
    }

    InboundMessage withUnderstanding(Understanding.Result result) {
        return new InboundMessage(raw, source, rawKey, messageId, headers, mail, logged, forwardedBy, result, threadKey,
                decision, storedId, reading, unstored);
    }

    InboundMessage withThreadKey(String key) {
        return new InboundMessage(raw, source, rawKey, messageId, headers, mail, logged, forwardedBy, understanding, key,
                decision, storedId, reading, unstored);
    }

    InboundMessage withDecision(LinkDecision d) {
        return new InboundMessage(raw, source, rawKey, messageId, headers, mail, logged, forwardedBy, understanding,
                threadKey, d, storedId, reading, unstored);
    }

    InboundMessage withStoredId(String id) {
        return new InboundMessage(raw, source, rawKey, messageId, headers, mail, logged, forwardedBy, understanding,
                threadKey, decision, id, reading, unstored);
    }

    InboundMessage withReading(MailReading r) {
        return new InboundMessage(raw, source, rawKey, messageId, headers, mail, logged, forwardedBy, understanding,
                threadKey, decision, storedId, r, unstored);
    }

    /** The Message-ID of what is logged: the original's for a forward (synthesized when it had none). */
    public String loggedMessageId() {
        if (logged == null || logged == mail) {
            return messageId;
        }
        return logged.messageId() != null ? logged.messageId() : "fwd." + messageId;
    }
}
