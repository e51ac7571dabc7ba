package io.genjin.gateway.pipeline;

import io.genjin.gateway.mime.ParsedMail;
import io.genjin.gateway.mime.ParsedMail.Address;
import io.genjin.store.linking.LinkDecision;
import io.genjin.store.linking.LinkRequest;
import io.genjin.store.message.Participant;
import java.util.List;

/** Links the logged message to a customer through the linking core (which logs its own decision line). */
final class ResolveCustomer implements Step {
    private final Steps steps;

    ResolveCustomer(Steps steps) {
        this.steps = steps;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        ParsedMail mail = m.logged();
        LinkDecision d = steps.linker().link(new LinkRequest(m.loggedMessageId(), participant(mail.sender()),
                participants(mail.to()), participants(mail.cc()), mail.inReplyTo(), mail.references(),
                m.source().ownerUserId()));
        return StepResult.next(m.withDecision(d), "company=" + d.companyId() + " step=" + d.step() + " direction=" + d.direction());
    }

    static Participant participant(Address a) {
        return a == null || a.address() == null ? null : new Participant(a.name(), a.address());
    }

    static List<Participant> participants(List<Address> list) {
        return list.stream().filter(a -> a.address() != null).map(a -> new Participant(a.name(), a.address())).toList();
    }
}
