package io.genjin.app.ui;

import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.message.VisibleMessages;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.classifier.text.HtmlSanitizer;
import io.genjin.gateway.reading.MailContent;
import io.genjin.gateway.reading.MailReader;
import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.linking.CorrectMessageLinks;
import io.genjin.store.linking.CorrectMessageLinks.Always;
import io.genjin.store.message.Participant;
import io.genjin.store.message.StoredMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One message's page (where it is, why, and the corrections: move, also belongs to, not customer
 * mail), reached from a timeline entry or from the "not linked" list of held-back mail.
 */
@ConditionalOnRole(Roles.API)
@Controller
class MessagePages {
    private static final int CUSTOMER_CHOICES = 12;
    private final CrmStore store;
    private final VisibleMessages messages;
    private final VisibleCustomers customers;
    private final CorrectMessageLinks correct;
    private final MailReader reader;
    private final int pageSize;

    MessagePages(CrmStore store, VisibleMessages messages, VisibleCustomers customers, CorrectMessageLinks correct,
            MailReader reader, UiProperties properties) {
        this.store = store;
        this.messages = messages;
        this.customers = customers;
        this.correct = correct;
        this.reader = reader;
        this.pageSize = properties.pageSize();
    }

    /** From a timeline entry, which knows the Message-ID. */
    @GetMapping("/mail")
    String byMessageId(@AuthenticationPrincipal SignedIn me, @RequestParam String mid) {
        return "redirect:/messages/" + messages.byMessageId(me, mid).id();
    }

    /**
     * The mail view: headers, the text without quotes (quotes one click away), the original HTML in a
     * sandboxed frame, attachments; then where the message is and the corrections.
     *
     * @param q customer search text for the move and also-belongs-to choices
     * @param images whether the viewer allowed this message's remote images
     */
    @GetMapping("/messages/{id}")
    String message(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam(required = false) String q,
            @RequestParam(required = false) String from, @RequestParam(defaultValue = "false") boolean images, Model model) {
        StoredMessage message = messages.message(me, id);
        MailContent content = reader.read(message).orElse(null);
        model.addAttribute("reading", content);
        model.addAttribute("images", images);
        model.addAttribute("remoteImages", content != null && HtmlSanitizer.hasRemoteImages(content.html()));
        model.addAttribute("threadSize", messages.thread(me, message, MailPages.THREAD_MAX + 1).size());
        Map<String, Company> on = new LinkedHashMap<>();
        message.companyIds().forEach(cid -> store.companies().findLive(cid)
                .filter(c -> store.access().canSee(me.viewer(), c)).ifPresent(c -> on.put(cid, c)));
        String text = q == null || q.isBlank() ? null : q.trim();
        List<Company> choices = store.companies().search(customers.scope(me), text, 0, CUSTOMER_CHOICES).stream()
                .filter(c -> !on.containsKey(c.id())).toList();
        Optional<Participant> party = correct.outsideParty(message);
        model.addAttribute("nav", on.isEmpty() ? "unlinked" : "customers");
        model.addAttribute("message", message);
        model.addAttribute("on", on);
        model.addAttribute("links", message.links().stream().filter(l -> on.containsKey(l.companyId())).toList());
        model.addAttribute("choices", choices);
        model.addAttribute("q", text);
        model.addAttribute("from", from != null && on.containsKey(from) ? from : on.keySet().stream().findFirst().orElse(null));
        model.addAttribute("party", party.orElse(null));
        model.addAttribute("always", Always.values());
        return "message";
    }

    @PostMapping("/messages/{id}/move")
    String move(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam String fromCompanyId,
            @RequestParam String toCompanyId, @RequestParam(required = false) String reason,
            @RequestParam(defaultValue = "false") boolean teach, RedirectAttributes flash) {
        StoredMessage message = messages.message(me, id);
        customers.company(me, fromCompanyId);
        customers.company(me, toCompanyId);
        correct.move(message.id(), fromCompanyId, toCompanyId, me.userId(), limit(reason), teach);
        flash.addFlashAttribute("done", "message.moved");
        return "redirect:/messages/" + message.id();
    }

    @PostMapping("/messages/{id}/also")
    String also(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam String companyId,
            @RequestParam(required = false) String reason, RedirectAttributes flash) {
        StoredMessage message = messages.message(me, id);
        customers.company(me, companyId);
        correct.alsoBelongsTo(message.id(), companyId, me.userId(), limit(reason));
        flash.addFlashAttribute("done", "message.added");
        return "redirect:/messages/" + message.id();
    }

    @PostMapping("/messages/{id}/not-customer")
    String notCustomer(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
            @RequestParam(defaultValue = "MESSAGE") Always always, @RequestParam(required = false) String reason,
            RedirectAttributes flash) {
        StoredMessage message = messages.message(me, id);
        message.companyIds().forEach(companyId -> customers.company(me, companyId));
        correct.notCustomerMail(message.id(), me.userId(), limit(reason), always);
        flash.addFlashAttribute("done", "message.held");
        return "redirect:/messages/" + message.id();
    }

    /** Held-back mail in the mailboxes I may see, newest first, with why. */
    @GetMapping("/unlinked")
    String unlinked(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "1") int page, Model model) {
        int current = Math.max(page, 1);
        List<StoredMessage> found = store.messages().held(messages.mailboxOwners(me), (current - 1) * pageSize, pageSize + 1);
        model.addAttribute("nav", "unlinked");
        model.addAttribute("held", found.stream().limit(pageSize).toList());
        model.addAttribute("page", current);
        model.addAttribute("hasNext", found.size() > pageSize);
        return "unlinked";
    }


    private static String limit(String reason) {
        return reason == null ? null : reason.length() <= 500 ? reason : reason.substring(0, 500);
    }
}
