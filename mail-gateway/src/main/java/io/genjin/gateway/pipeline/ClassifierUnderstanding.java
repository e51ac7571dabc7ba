package io.genjin.gateway.pipeline;

import io.genjin.classifier.Email;
import io.genjin.classifier.EmailUnderstanding;
import io.genjin.classifier.Reading;
import io.genjin.classifier.autoreply.NoReplyNotice;
import io.genjin.classifier.bounce.FailedRecipient;
import io.genjin.gateway.mime.ParsedMail;
import io.genjin.gateway.mime.ParsedMail.Attachment;
import io.genjin.store.message.MailReading;
import java.util.List;

/**
 * The pipeline's {@link Understanding}, answered by the classifier module. The classifier gets the
 * gateway's one parse: headers, text, HTML, attachment names, and a report's machine-readable parts
 * (the delivery status, the returned message's header), which a bounce verdict rests on.
 */
public final class ClassifierUnderstanding implements Understanding {
    private final EmailUnderstanding classifier;

    public ClassifierUnderstanding(EmailUnderstanding classifier) {
        this.classifier = classifier;
    }

    @Override
    public Result understand(ParsedMail mail) {
        return understand(mail, asEmail(mail));
    }

    Result understand(ParsedMail mail, Email email) {
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
        return new Email(mail.headers(), mail.text(), mail.html(), names,
                mail.reportParts().stream().map(p -> new Email.Part(p.type(), p.content())).toList());
    }
}
