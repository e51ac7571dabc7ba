package io.genjin.gateway.pipeline;

import io.genjin.classifier.Email;
import io.genjin.classifier.EmailUnderstanding;
import io.genjin.classifier.Reading;
import io.genjin.classifier.autoreply.NoReplyNotice;
import io.genjin.classifier.bounce.FailedRecipient;
import io.genjin.gateway.RawMail;
import io.genjin.gateway.mime.ParsedMail;
import io.genjin.gateway.mime.ParsedMail.Attachment;
import io.genjin.store.message.MailReading;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * The pipeline's {@link Understanding}, answered by the classifier module. The classifier gets the
 * gateway's parse (headers, text, HTML, attachment names); a delivery or feedback report is read
 * again from the raw message, since its machine-readable parts are what a bounce verdict rests on,
 * and such reports are small (capped at {@link #REPORT_LIMIT} bytes).
 */
public final class ClassifierUnderstanding implements Understanding {
    static final long REPORT_LIMIT = 2 * 1024 * 1024;
    private static final Set<String> REPORT_TYPES = Set.of("message/delivery-status", "message/feedback-report",
            "multipart/report", "message/global-delivery-status");
    private final EmailUnderstanding classifier;

    public ClassifierUnderstanding(EmailUnderstanding classifier) {
        this.classifier = classifier;
    }

    @Override
    public Result understand(ParsedMail mail) {
        return understand(mail, asEmail(mail));
    }

    /** With the raw message at hand, reports are read in full. */
    @Override
    public Result understand(ParsedMail mail, RawMail raw) {
        boolean report = mail.partTypes().stream().anyMatch(t -> REPORT_TYPES.contains(t.toLowerCase(java.util.Locale.ROOT)));
        if (report && raw != null && raw.size() >= 0 && raw.size() <= REPORT_LIMIT) {
            try (InputStream in = raw.open()) {
                return understand(mail, Email.fromEml(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return understand(mail);
    }

    private Result understand(ParsedMail mail, Email email) {
        var u = classifier.understandToLink(email);
        List<String> bounced = u.bounce().isBounce()
                ? u.bounce().recipients().stream().map(FailedRecipient::address).filter(a -> a != null && !a.isBlank()).toList()
                : List.of();
        return new Result(u.bounce().isBounce(), u.autoReply().isAutoReply(), u.quote(),
                u.intent() == null || u.intent().lowConfidence() ? null : u.intent().label().name().toLowerCase(java.util.Locale.ROOT), u.reply(),
                bounced, u.bounce().isBounce() && u.bounce().hasHardFailure(), u.autoReply().returnDate().orElse(null),
                u.bounce().isBounce() ? u.bounce().originalMessageId() : null,
                NoReplyNotice.reads(u.reply().isBlank() ? u.text() : u.reply()),
                u.forwarded().filter(f -> f.fromAddress() != null && !f.fromAddress().isBlank())
                        .map(f -> ClassifierForwards.asMail(f, mail)).orElse(null));
    }

    @Override
    public MailReading read(Result understood, String visibleText) {
        Reading r = classifier.read(visibleText);
        return new MailReading(understood.intent(), r.tone().code(), r.dissatisfied(), r.topicCodes());
    }

    static Email asEmail(ParsedMail mail) {
        List<String> names = mail.attachments().stream().map(Attachment::name).filter(n -> n != null).toList();
        return new Email(mail.headers(), mail.text(), mail.html(), names, List.of());
    }
}
