package io.genjin.app.ui;

import io.genjin.app.relay.RelayConfiguration;
import io.genjin.app.relay.RelayPasswords;
import io.genjin.app.relay.RelayProperties;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.NotFound;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxStore;
import io.genjin.store.relay.RelayCredential;
import io.genjin.store.relay.RelayCredentials;
import io.genjin.store.relay.RelayStore;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Relay passwords": the passwords a mail client (Foxmail, Outlook) signs in to Genjin's relay with,
 * the settings to copy into the client, and the mailbox the relay sends through. A new password is
 * shown in the answer to the form that made it, once: it goes through no redirect and no session.
 */
@ConditionalOnRole(Roles.API)
@Controller
class RelayPage {
    static final String PATH = "/settings/relay";
    private final CrmStore crm;
    private final RelayStore relay;
    private final RelayPasswords passwords;
    private final RelayProperties properties;
    private final MailboxStore mailboxes;
    private final ObjectProvider<RelayConfiguration.RelayLifecycle> listener;

    RelayPage(CrmStore crm, RelayStore relay, RelayPasswords passwords, RelayProperties properties, MailboxStore mailboxes,
            ObjectProvider<RelayConfiguration.RelayLifecycle> listener) {
        this.listener = listener;
        this.crm = crm;
        this.relay = relay;
        this.passwords = passwords;
        this.properties = properties;
        this.mailboxes = mailboxes;
    }

    @GetMapping(PATH)
    String page(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String user, Model model) {
        return render(SetupTarget.of(crm, me, user), model);
    }

    @PostMapping(PATH + "/passwords")
    String issue(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String user,
            @RequestParam(required = false) String label, Model model) {
        SetupTarget target = SetupTarget.of(crm, me, user);
        String name = label == null ? "" : label.strip();
        if (name.isEmpty() || name.length() > 100) {
            model.addAttribute("problemKey", "relay.error.label");
            model.addAttribute("label", name);
            return render(target, model);
        }
        RelayCredentials.Issued issued = passwords.issue(me.userId(), target.id(), name);
        model.addAttribute("issued", issued);
        return render(target, model);
    }

    @PostMapping(PATH + "/passwords/{id}/revoke")
    String revoke(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String user,
            @PathVariable String id, RedirectAttributes flash) {
        SetupTarget target = SetupTarget.of(crm, me, user);
        if (!passwords.revoke(me.userId(), target.id(), id)) {
            throw new NotFound("relay credential", id);
        }
        flash.addFlashAttribute("done", "relay.revoked");
        return "redirect:" + target.page(PATH);
    }

    private String render(SetupTarget target, Model model) {
        List<RelayCredential> credentials = relay.credentials().ofUser(target.id()).stream()
                .sorted(Comparator.comparing(RelayCredential::createdAt).reversed()).toList();
        List<MailboxAccount> senders = mailboxes.accounts().ofUser(target.id()).stream().filter(MailboxAccount::canSend)
                .toList();
        model.addAttribute("nav", "settings");
        model.addAttribute("target", target.user());
        model.addAttribute("own", target.own());
        model.addAttribute("userParam", target.own() ? null : target.id());
        model.addAttribute("credentials", credentials);
        model.addAttribute("senders", senders);
        model.addAttribute("server", properties.hostname());
        // The port it is bound to where this server runs the relay (port 0 in the settings picks a free one).
        RelayConfiguration.RelayLifecycle running = listener.getIfAvailable();
        int bound = running == null ? -1 : running.port();
        model.addAttribute("port", bound > 0 ? bound : properties.port());
        model.addAttribute("listening", properties.enabled());
        model.addAttribute("username", target.user().primaryAddress());
        return "relay";
    }
}
