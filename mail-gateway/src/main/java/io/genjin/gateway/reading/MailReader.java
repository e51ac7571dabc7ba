package io.genjin.gateway.reading;

import io.genjin.classifier.reply.Reply;
import io.genjin.classifier.reply.ReplyStripper;
import io.genjin.classifier.text.HtmlText;
import io.genjin.gateway.mime.AttachmentSink;
import io.genjin.gateway.mime.MailParser;
import io.genjin.gateway.mime.MimeLimits;
import io.genjin.gateway.mime.ParsedMail;
import io.genjin.gateway.pipeline.ForwardedMessages;
import io.genjin.gateway.pipeline.ParsedMailSink;
import io.genjin.store.mail.RawMessages;
import io.genjin.store.message.StoredMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Reads a stored message's original again from its raw message, with the gateway's one MIME reader.
 * The raw is streamed through the parser and attachments are counted, never held; each body is kept
 * up to {@code maxBodyBytes}, so a 50 MB message costs a page no more than that. A message logged as
 * the original inside a forward shows that original, as the pipeline logged it.
 *
 * <p>The pipeline hands it each parse it makes ({@link ParsedMailSink}); the latest few are kept, so
 * that the search index, which reads every stored message moments after it is stored, does not read
 * and parse its raw a second time. A parse is kept only when it is the one this reader would make: the
 * same limits but the body limit, and a raw no larger than this reader's body limit (a decoded part is
 * never larger than the raw it came from, so neither parse cut a body).
 */
public final class MailReader implements ParsedMailSink {
    /** How many recent parses are kept at most, and of how many bytes of raw messages together. */
    static final int RECENT_PARSES = 1_000;
    static final long RECENT_RAW_BYTES = 8L * 1024 * 1024;
    /** About 300 printed pages of text: more than anyone reads on screen, little for the server. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    private final RawMessages raw;
    private final MailParser parser;
    private final ForwardedMessages forwards;
    private final ReplyStripper replies = new ReplyStripper();
    private final MimeLimits limits;
    private final java.util.LinkedHashMap<String, Recent> recent = new java.util.LinkedHashMap<>(64, 0.75f, true);
    private long recentBytes;

    public MailReader(RawMessages raw, int maxBodyBytes) {
        this.raw = raw;
        this.limits = MimeLimits.defaults().withMaxTextBytes(maxBodyBytes);
        this.parser = new MailParser(limits);
        this.forwards = ForwardedMessages.standard();
    }

    /** Empty when the message was stored before its raw key was recorded, or the raw is gone. */
    public Optional<MailContent> read(StoredMessage message) {
        if (message.rawKey() == null) {
            return Optional.empty();
        }
        ParsedMail kept = recent(message.rawKey());
        if (kept != null) {
            return Optional.of(content(kept, message.messageId()));
        }
        Optional<InputStream> opened = raw.open(message.rawKey());
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        ParsedMail parsed;
        try (InputStream in = opened.get()) {
            parsed = parser.parse(in, AttachmentSink.DISCARD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(content(parsed, message.messageId()));
    }

    private MailContent content(ParsedMail parsed, String storedMessageId) {
        boolean cut = parsed.problems().stream().anyMatch(p -> p.endsWith("; cut"));
        return content(logged(parsed, storedMessageId), cut);
    }

    @Override
    public void parsed(String rawKey, long rawSize, MimeLimits parsedWith, ParsedMail mail) {
        if (rawSize > limits.maxTextBytes() || parsedWith.maxTextBytes() < rawSize
                || !parsedWith.withMaxTextBytes(limits.maxTextBytes()).equals(limits)) {
            return;
        }
        synchronized (recent) {
            Recent before = recent.put(rawKey, new Recent(mail, rawSize));
            recentBytes += rawSize - (before == null ? 0 : before.rawSize());
            var eldest = recent.values().iterator();
            while (recent.size() > RECENT_PARSES || recentBytes > RECENT_RAW_BYTES) {
                recentBytes -= eldest.next().rawSize();
                eldest.remove();
            }
        }
    }

    private ParsedMail recent(String rawKey) {
        synchronized (recent) {
            Recent kept = recent.get(rawKey);
            return kept == null ? null : kept.mail();
        }
    }

    private record Recent(ParsedMail mail, long rawSize) {
    }

    private ParsedMail logged(ParsedMail parsed, String storedMessageId) {
        if (parsed.messageId() == null || parsed.messageId().equals(storedMessageId)) {
            return parsed;
        }
        return forwards.original(parsed).orElse(parsed);
    }

    private MailContent content(ParsedMail mail, boolean cut) {
        String text = mail.text() != null && !mail.text().isBlank() ? mail.text()
                : mail.html() != null ? HtmlText.toText(mail.html()) : "";
        // The sender named as the classifier names it, so that the strip it made moments ago is found.
        Reply reply = replies.strip(text, ReplyStripper.senderOf(mail.header("from")));
        if (reply.textWithSignature().isBlank()) {
            return new MailContent(text.strip(), "", mail.html(), cut);
        }
        return new MailContent(reply.textWithSignature(), reply.quoted(), mail.html(), cut);
    }
}
