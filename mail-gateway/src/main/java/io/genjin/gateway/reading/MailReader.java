package io.genjin.gateway.reading;

import io.genjin.classifier.reply.Reply;
import io.genjin.classifier.reply.ReplyStripper;
import io.genjin.classifier.text.HtmlText;
import io.genjin.gateway.mime.AttachmentSink;
import io.genjin.gateway.mime.MailParser;
import io.genjin.gateway.mime.MimeLimits;
import io.genjin.gateway.mime.ParsedMail;
import io.genjin.gateway.pipeline.ForwardedMessages;
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
 */
public final class MailReader {
    /** About 300 printed pages of text: more than anyone reads on screen, little for the server. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    private final RawMessages raw;
    private final MailParser parser;
    private final ForwardedMessages forwards;
    private final ReplyStripper replies = new ReplyStripper();

    public MailReader(RawMessages raw, int maxBodyBytes) {
        MimeLimits d = MimeLimits.defaults();
        this.raw = raw;
        this.parser = new MailParser(new MimeLimits(d.maxHeaderCount(), d.maxHeaderLength(), d.maxLineLength(),
                d.maxNesting(), d.maxParts(), maxBodyBytes));
        this.forwards = ForwardedMessages.standard();
    }

    /** Empty when the message was stored before its raw key was recorded, or the raw is gone. */
    public Optional<MailContent> read(StoredMessage message) {
        if (message.rawKey() == null) {
            return Optional.empty();
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
        ParsedMail shown = logged(parsed, message.messageId());
        boolean cut = parsed.problems().stream().anyMatch(p -> p.endsWith("; cut"));
        return Optional.of(content(shown, cut));
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
        String sender = mail.sender() == null ? "" : mail.sender().name() != null ? mail.sender().name() : mail.sender().address();
        Reply reply = replies.strip(text, sender == null ? "" : sender);
        if (reply.textWithSignature().isBlank()) {
            return new MailContent(text.strip(), "", mail.html(), cut);
        }
        return new MailContent(reply.textWithSignature(), reply.quoted(), mail.html(), cut);
    }
}
