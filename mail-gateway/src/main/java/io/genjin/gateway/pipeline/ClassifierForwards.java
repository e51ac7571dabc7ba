package io.genjin.gateway.pipeline;

import io.genjin.classifier.reply.ForwardParser;
import io.genjin.classifier.reply.Forwarded;
import io.genjin.classifier.reply.Mailbox;
import io.genjin.gateway.mime.ParsedMail;
import io.genjin.gateway.mime.ParsedMail.Address;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inline forwarded block (Gmail, Outlook en/中文, Foxmail, QQ, NetEase, Coremail, Apple …),
 * read by the classifier's forward parser: one implementation for the dropbox and the classifier.
 * The forward's own date stands in for the original's, whose printed form varies too much by
 * client and locale to trust.
 */
final class ClassifierForwards implements ForwardedMessages {
    private final ForwardParser parser = new ForwardParser();

    @Override
    public Optional<ParsedMail> original(ParsedMail forward) {
        if (forward.text() == null || forward.text().isBlank()) {
            return Optional.empty();
        }
        return parser.parse(forward.text(), forward.subject() == null ? "" : forward.subject()).filter(f -> f.fromAddress() != null && !f.fromAddress().isBlank())
                .map(f -> asMail(f, forward));
    }

    static ParsedMail asMail(Forwarded f, ParsedMail forward) {
        return new ParsedMail(null, null, List.of(), f.subject(), List.of(new Address(f.fromName(), f.fromAddress())),
                addresses(f.to()), addresses(f.cc()), List.of(), List.of(), forward.date(), f.body() == null ? "" : f.body().strip(),
                null, List.of(), List.of(), Map.of(), List.of("text/plain"), List.of(), List.of());
    }

    private static List<Address> addresses(List<Mailbox> boxes) {
        return boxes.stream().filter(b -> b.address() != null && !b.address().isBlank())
                .map(b -> new Address(b.name(), b.address())).toList();
    }
}
