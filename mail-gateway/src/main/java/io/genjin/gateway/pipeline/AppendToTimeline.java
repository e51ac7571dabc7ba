package io.genjin.gateway.pipeline;

import io.genjin.gateway.mime.ParsedMail;
import io.genjin.store.Ids;
import io.genjin.store.linking.LinkDecision;
import io.genjin.store.message.Direction;
import io.genjin.store.message.Messages;
import io.genjin.store.message.StoredMessage;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends the EMAIL activity (source key {@code email:<Message-ID>}, so a second append is a
 * no-op), moves the company's last contact in or out, and stores the message last: a stored
 * message therefore always has its timeline entry, which is what lets de-duplication stop early.
 */
final class AppendToTimeline implements Step {
    private final Steps steps;

    AppendToTimeline(Steps steps) {
        this.steps = steps;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        ParsedMail mail = m.logged();
        LinkDecision d = m.decision();
        Instant at = mail.date() != null ? mail.date() : steps.clock().instant();
        String snippet = snippet(m);
        String note = "not linked";
        if (d.linked()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("messageId", m.loggedMessageId());
            attributes.put("direction", d.direction().name());
            if (mail.sender() != null && mail.sender().address() != null) {
                attributes.put("from", mail.sender().address());
            }
            if (m.forwardedBy() != null) {
                attributes.put("forwardedBy", m.forwardedBy());
            }
            if (!mail.attachments().isEmpty()) {
                attributes.put("attachments", Integer.toString(mail.attachments().size()));
            }
            String actor = m.forwardedBy() != null ? m.forwardedBy() : m.source().ownerUserId();
            Activity activity = steps.store().timeline().append(new Activity(Ids.newId(), d.companyId(), ActivityType.EMAIL,
                    at, actor, d.contactIds(), mail.subject(), snippet, "email:" + m.loggedMessageId(), attributes,
                    steps.clock().instant()));
            if (d.direction() != Direction.INTERNAL) {
                steps.store().companies().touchContact(d.companyId(), d.direction() == Direction.INBOUND, at);
            }
            note = "activity " + activity.id() + " on " + d.companyId();
        }
        Messages.Stored stored = steps.store().messages().store(new StoredMessage(Ids.newId(), m.loggedMessageId(),
                m.threadKey(), mail.inReplyTo(), mail.references(), d.direction(), ResolveCustomer.participant(mail.sender()),
                ResolveCustomer.participants(mail.to()), ResolveCustomer.participants(mail.cc()), mail.subject(), at, snippet,
                java.util.List.of(Sources.mailbox(m.source())), d.companyId(), d.contactIds(), steps.clock().instant()));
        return StepResult.next(m.withStoredId(stored.message().id()), note + (stored.created() ? "; message stored" : "; message known"));
    }

    private String snippet(InboundMessage m) {
        String text = m.understanding() != null && m.understanding().visibleText() != null ? m.understanding().visibleText()
                : m.logged().text() != null ? m.logged().text()
                : m.logged().html() != null ? m.logged().html().replaceAll("(?s)<style.*?</style>|<[^>]+>", " ") : "";
        String s = text.replaceAll("\\s+", " ").strip();
        return s.length() <= steps.settings().snippetChars() ? s : s.substring(0, steps.settings().snippetChars());
    }
}
