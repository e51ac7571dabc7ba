package io.genjin.app.ui;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.relay.OutboundMail;
import io.genjin.store.relay.RelayStore;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * "Sent mail": what the signed-in salesperson sent through Genjin (the relay, sequences), the retry
 * queue first, and how to set a mail client to send through the relay. A server that runs no
 * outbound mail shows the page empty.
 */
@ConditionalOnRole(Roles.API)
@Controller
class OutboxPage {
    private final CrmStore crm;
    private final ObjectProvider<RelayStore> relay;
    private final Environment environment;

    OutboxPage(CrmStore crm, ObjectProvider<RelayStore> relay, Environment environment) {
        this.crm = crm;
        this.relay = relay;
        this.environment = environment;
    }

    @GetMapping("/outbox")
    String outbox(@AuthenticationPrincipal SignedIn me, Model model) {
        RelayStore store = relay.getIfUnique();
        List<OutboundMail> waiting = store == null ? List.of()
                : store.outbound().ofUser(me.userId(), List.of(OutboundMail.Status.QUEUED, OutboundMail.Status.FAILED), 200);
        List<OutboundMail> sent = store == null ? List.of()
                : store.outbound().ofUser(me.userId(), List.of(OutboundMail.Status.SENT), 50);
        model.addAttribute("nav", "outbox");
        model.addAttribute("waiting", waiting);
        model.addAttribute("sent", sent);
        model.addAttribute("tracking", store == null ? null : store.trackingOf(me.userId()));
        model.addAttribute("server", environment.getProperty("genjin.relay.hostname", "genjin.local"));
        model.addAttribute("port", environment.getProperty("genjin.relay.port", "2587"));
        model.addAttribute("username", crm.users().get(me.userId()).primaryAddress());
        return "outbox";
    }
}
