package io.genjin.gateway.pipeline;

import io.genjin.classifier.text.Whitespace;
import io.genjin.gateway.mime.ParsedMail;
import io.genjin.store.Ids;
import io.genjin.store.linking.CustomerLink;
import io.genjin.store.linking.LinkDecision;
import io.genjin.store.message.Direction;
import io.genjin.store.message.MessageLink;
import io.genjin.store.message.Messages;
import io.genjin.store.message.StoredAttachment;
import io.genjin.store.message.StoredMessage;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends one EMAIL activity per customer the message belongs to (source key
 * {@code email:<Message-ID>}, so a second append is a no-op), each with why it is there
 * ({@code linkStep}, {@code linkDetail}); moves each customer's last contact in or out (not for a
 * bounce or an auto-reply); and stores the message last, with its customers and reasons, or why it
 * was held back: a stored message therefore always has its timeline entries, which is what lets
 * de-duplication stop early. The stored message names its raw message and attachments, which is
 * what the mail view reads the whole original from.
 */
final class AppendToTimeline implements Step {
    private final Steps steps;
    private final PendingPublication batch;

    AppendToTimeline(Steps steps) {
        this(steps, null);
    }

    /** In a batch, a new message is stored under the batch's publication key ({@link PendingPublication#key}). */
    AppendToTimeline(Steps steps, PendingPublication batch) {
        this.steps = steps;
        this.batch = batch;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        ParsedMail mail = m.logged();
        LinkDecision d = m.decision();
        Understanding.Result u = m.understanding() == null ? Understanding.Result.NOTHING : m.understanding();
        Instant at = mail.date() != null ? mail.date() : steps.clock().instant();
        String snippet = snippet(m);
        List<String> activities = new ArrayList<>();
        List<MessageLink> links = new ArrayList<>();
        for (CustomerLink link : d.links()) {
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
            attributes.put("linkStep", link.step().name());
            if (link.detail() != null) {
                attributes.put("linkDetail", link.detail());
            }
            String actor = m.forwardedBy() != null ? m.forwardedBy() : m.source().ownerUserId();
            Activity activity = steps.store().timeline().append(new Activity(Ids.newId(), link.companyId(), ActivityType.EMAIL,
                    at, actor, link.contactIds(), mail.subject(), snippet, "email:" + m.loggedMessageId(), attributes,
                    steps.clock().instant()));
            // A bounce or an auto-reply is not the customer in touch: last contact in/out stays.
            if (d.direction() != Direction.INTERNAL && !u.bounce() && !u.autoReply()) {
                steps.store().companies().touchContact(link.companyId(), d.direction() == Direction.INBOUND, at);
            }
            activities.add(activity.id());
            links.add(MessageLink.automatic(link.companyId(), link.step().name(), link.detail()));
        }
        String note = activities.isEmpty() ? "not linked (" + d.step() + (d.heldDetail() == null ? "" : " " + d.heldDetail()) + ")"
                : "activities " + activities + " on " + d.companyIds();
        Messages.Stored stored = steps.store().messages().store(new StoredMessage(Ids.newId(), m.loggedMessageId(),
                m.threadKey(), mail.inReplyTo(), mail.references(), d.direction(), ResolveCustomer.participant(mail.sender()),
                ResolveCustomer.participants(mail.to()), ResolveCustomer.participants(mail.cc()), mail.subject(), at, snippet,
                List.of(Sources.mailbox(m.source())), d.companyId(), d.contactIds(), steps.clock().instant(), d.companyIds(),
                links, d.linked() ? null : d.step().name(), d.linked() ? null : d.heldDetail(), m.rawKey(),
                attachments(mail), m.reading()), batch == null ? null : batch.key());
        if (batch != null && stored.created()) {
            batch.storedUnderKey(stored.message().id());
        }
        return StepResult.next(m.withStoredId(stored.message().id()), note + (stored.created() ? "; message stored" : "; message known"));
    }

    /** Numbered by their place in the message, which is what a download link names. */
    private static List<StoredAttachment> attachments(ParsedMail mail) {
        List<StoredAttachment> list = new ArrayList<>();
        for (ParsedMail.Attachment a : mail.attachments()) {
            list.add(new StoredAttachment(list.size(), a.name(), a.type(), a.size(), a.contentId(), a.inline(), a.storedId()));
        }
        return list;
    }

    private String snippet(InboundMessage m) {
        String text = m.understanding() != null && m.understanding().visibleText() != null ? m.understanding().visibleText()
                : m.logged().text() != null ? m.logged().text()
                : m.logged().html() != null ? m.logged().html().replaceAll("(?s)<style.*?</style>|<[^>]+>", " ") : "";
        return Whitespace.squash(text, steps.settings().snippetChars());
    }
}
