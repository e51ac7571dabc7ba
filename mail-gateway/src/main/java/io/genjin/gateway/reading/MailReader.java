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
 * <p>The search index reads each message as the pipeline read it ({@link #readForIndex}): with the
 * pipeline's limits, so a body is read up to the pipeline's limit (4 MB by default) rather than a
 * page's. The pipeline hands the reader each parse it makes ({@link ParsedMailSink}); the latest few
 * are kept, so that the index, which reads every stored message moments after it is stored, does not
 * read and parse its raw a second time. A kept parse serves a read only when it is the one that read
 * would make: made with the same limits (whatever the raw's size), or with the same limits but the
 * body limit from a raw no larger than either body limit (a decoded part is never larger than the raw
 * it came from, so neither parse cut a body). A page's read (1 MB bodies) takes a kept parse by the
 * second rule only.
 *
 * <p>Index reads used this reader's page limit until the parses of larger raws were kept too: a
 * message over 1 MB (a quotation with its PDF, a large text) was read back from the store and parsed
 * again, and a body over a million characters was stripped again in full (its text cut at another
 * length than the classifier's, so the classifier's strip could not be found).
 */
public final class MailReader implements ParsedMailSink {
    /**
     * How many recent parses are kept at most, and how many bytes they may hold together: a parse
     * counts its raw's size, or, when less, what its bodies hold (a raw that is mostly attachments,
     * which no parse keeps, counts its text and HTML).
     */
    static final int RECENT_PARSES = 1_000;
    static final long RECENT_RAW_BYTES = 8L * 1024 * 1024;
    /** Counted for a parse's headers and the rest besides its bodies. */
    private static final long PARSE_OVERHEAD_BYTES = 4096;
    /** About 300 printed pages of text: more than anyone reads on screen, little for the server. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    private final RawMessages raw;
    private final MailParser parser;
    private final ForwardedMessages forwards;
    private final ReplyStripper replies = new ReplyStripper();
    private final MimeLimits limits;
    /** The limits the pipeline parses with: the index reads with them. */
    private final MimeLimits indexLimits;
    private final MailParser indexParser;
    private final java.util.LinkedHashMap<String, Recent> recent = new java.util.LinkedHashMap<>(64, 0.75f, true);
    private long recentBytes;

    /** Index reads with the pipeline's default limits ({@link MimeLimits#defaults()}). */
    public MailReader(RawMessages raw, int maxBodyBytes) {
        this(raw, maxBodyBytes, MimeLimits.defaults());
    }

    /**
     * @param maxBodyBytes the body limit of a page's read ({@link #read})
     * @param indexLimits  the limits the pipeline parses with, which the index reads with ({@link #readForIndex})
     */
    public MailReader(RawMessages raw, int maxBodyBytes, MimeLimits indexLimits) {
        this.raw = raw;
        this.limits = MimeLimits.defaults().withMaxTextBytes(maxBodyBytes);
        this.parser = new MailParser(limits);
        this.indexLimits = indexLimits;
        this.indexParser = new MailParser(indexLimits);
        this.forwards = ForwardedMessages.standard();
    }

    /** For a page: each body up to the page limit. Empty when the message was stored before its raw key was recorded, or the raw is gone. */
    public Optional<MailContent> read(StoredMessage message) {
        return read(message, limits, parser);
    }

    /**
     * For the search index: the message as the pipeline read it, each body up to the pipeline's limit,
     * from the pipeline's own parse while it is kept. Empty as {@link #read} is.
     */
    public Optional<MailContent> readForIndex(StoredMessage message) {
        return read(message, indexLimits, indexParser);
    }

    private Optional<MailContent> read(StoredMessage message, MimeLimits wanted, MailParser with) {
        if (message.rawKey() == null) {
            return Optional.empty();
        }
        ParsedMail kept = recent(message.rawKey(), wanted);
        if (kept != null) {
            return Optional.of(content(kept, message.messageId()));
        }
        Optional<InputStream> opened = raw.open(message.rawKey());
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        ParsedMail parsed;
        try (InputStream in = opened.get()) {
            parsed = with.parse(in, AttachmentSink.DISCARD);
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
        if (!sameParse(parsedWith, rawSize, indexLimits) && !sameParse(parsedWith, rawSize, limits)) {
            return;
        }
        long held = Math.min(rawSize, 2L * (length(mail.text()) + length(mail.html())) + PARSE_OVERHEAD_BYTES);
        synchronized (recent) {
            Recent before = recent.put(rawKey, new Recent(mail, parsedWith, rawSize, held));
            recentBytes += held - (before == null ? 0 : before.held());
            var eldest = recent.values().iterator();
            while (recent.size() > RECENT_PARSES || recentBytes > RECENT_RAW_BYTES) {
                recentBytes -= eldest.next().held();
                eldest.remove();
            }
        }
    }

    /**
     * Whether a parse made with {@code parsedWith} of a raw of this size is the one a parse with
     * {@code wanted} makes: the same limits, or the same but the body limit with neither body limit
     * below the raw's size (no body could have been cut by either).
     */
    private static boolean sameParse(MimeLimits parsedWith, long rawSize, MimeLimits wanted) {
        return parsedWith.equals(wanted) || rawSize <= wanted.maxTextBytes() && rawSize <= parsedWith.maxTextBytes()
                && parsedWith.withMaxTextBytes(wanted.maxTextBytes()).equals(wanted);
    }

    private static long length(String s) {
        return s == null ? 0 : s.length();
    }

    private ParsedMail recent(String rawKey, MimeLimits wanted) {
        synchronized (recent) {
            Recent kept = recent.get(rawKey);
            return kept == null || !sameParse(kept.parsedWith(), kept.rawSize(), wanted) ? null : kept.mail();
        }
    }

    /** A kept parse, the limits it was made with, its raw's size, and the bytes it counts for the bound. */
    private record Recent(ParsedMail mail, MimeLimits parsedWith, long rawSize, long held) {
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
