package io.genjin.gateway.pipeline;

import io.genjin.gateway.MailSource;
import io.genjin.gateway.mime.ParsedMail;
import io.genjin.gateway.mime.ParsedMail.Address;
import io.genjin.store.linking.LinkDecision;
import io.genjin.store.linking.LinkRequest;
import io.genjin.store.linking.LinkRequest.CarriedMessage;
import io.genjin.store.linking.LinkRequest.Machine;
import io.genjin.store.message.Participant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Links the logged message to its customers through the linking core (which logs its own decision
 * line). Linking gets every party (Bcc from the rep's own Sent copy, or the relay's envelope), the
 * headers that mark bulk mail, what the classifier read (auto-reply, bounce and its original), and
 * the originals the message carries: attached messages, else an inline forwarded block.
 */
final class ResolveCustomer implements Step {
    private final Steps steps;

    ResolveCustomer(Steps steps) {
        this.steps = steps;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        ParsedMail mail = m.logged();
        Understanding.Result u = m.understanding() == null ? Understanding.Result.NOTHING : m.understanding();
        Machine machine = u.bounce() ? Machine.bounced(u.bouncedMessageId(), u.bouncedAddresses())
                : u.autoReply() ? Machine.autoReplied() : u.notice() ? Machine.noticed() : Machine.NONE;
        LinkRequest request = new LinkRequest(m.loggedMessageId(), participant(mail.sender()), participants(mail.to()),
                participants(mail.cc()), bcc(m, mail), mail.inReplyTo(), mail.references(), m.source().ownerUserId(),
                mail == m.mail() ? m.headers() : mail.headers(), machine, carried(mail, u));
        // The duplicate check has just found nothing stored under this Message-ID (the logged one
        // differs for a forward to the dropbox, whose original is linked by its own).
        LinkDecision d = steps.linker().link(request, m.unstored() && request.messageId().equals(m.messageId()));
        return StepResult.next(m.withDecision(d), "companies=" + d.companyIds() + " step=" + d.step()
                + " direction=" + d.direction() + (d.heldDetail() == null ? "" : " held=" + d.heldDetail()));
    }

    /** The Bcc header of a Sent copy, and for mail the relay sent, the envelope recipients the headers do not show. */
    private static List<Participant> bcc(InboundMessage m, ParsedMail mail) {
        List<Participant> bcc = new ArrayList<>(participants(mail.bcc()));
        if (m.source() instanceof MailSource.Sent sent && mail == m.mail()) {
            Set<String> shown = new HashSet<>();
            for (List<Address> list : List.of(mail.to(), mail.cc(), mail.bcc())) {
                list.forEach(a -> shown.add(a.address()));
            }
            sent.envelopeRecipients().stream().map(r -> Participant.of(r)).filter(p -> !shown.contains(p.address()))
                    .forEach(bcc::add);
        }
        return bcc;
    }

    /** Attached originals, else the inline forwarded block the classifier found (read once, in the understand step). */
    private static List<CarriedMessage> carried(ParsedMail mail, Understanding.Result u) {
        List<ParsedMail> originals = new ArrayList<>(mail.attachedMessages());
        if (originals.isEmpty() && u.forwarded() != null) {
            originals.add(u.forwarded());
        }
        return originals.stream().map(o -> new CarriedMessage(o.messageId(), participant(o.sender()), participants(o.to()),
                participants(o.cc()))).toList();
    }

    static Participant participant(Address a) {
        return a == null || a.address() == null ? null : new Participant(a.name(), a.address());
    }

    static List<Participant> participants(List<Address> list) {
        return list.stream().filter(a -> a.address() != null).map(a -> new Participant(a.name(), a.address())).toList();
    }
}
