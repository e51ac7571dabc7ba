package io.genjin.app.ui;

import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.conflict.OwnershipConflict;
import io.genjin.store.conflict.ResolveOwnershipConflict;
import io.genjin.store.conflict.ResolveOwnershipConflict.Resolution;
import io.genjin.store.customer.Company;
import io.genjin.store.message.MailboxRef;
import io.genjin.store.message.StoredMessage;
import io.genjin.store.user.User;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 撞客 for managers and admins: the open ownership conflicts in their scope, each with the evidence
 * (who of the two wrote to the customer first and last, from the mail on its timeline), and the three
 * decisions of {@link ResolveOwnershipConflict}, offered where the viewer may take them.
 */
@ConditionalOnRole(Roles.API)
@Controller
class ConflictPages {
    /** How much of a customer's mail the evidence looks at, newest first. */
    private static final int EVIDENCE_MESSAGES = 500;
    private final CrmStore store;
    private final VisibleCustomers visible;
    private final ResolveOwnershipConflict resolve;

    ConflictPages(CrmStore store, VisibleCustomers visible, ResolveOwnershipConflict resolve) {
        this.store = store;
        this.visible = visible;
        this.resolve = resolve;
    }

    /** One rep's mail with the customer: how many messages in their mailbox, the first and the last. */
    record Mail(long count, Instant first, Instant last) {
        static final Mail NONE = new Mail(0, null, null);
    }

    /**
     * A conflict as the page shows it. {@code company} is null when the viewer does not see the
     * customer (the claimant is theirs, the customer another team's): listed, decided by others.
     */
    record Row(OwnershipConflict conflict, Company company, Mail ownerMail, Mail claimantMail, String messageLink,
            boolean canHandOver) {
    }

    @GetMapping("/conflicts")
    String list(@AuthenticationPrincipal SignedIn me, Model model) {
        DuplicatePages.requireManager(me);
        List<Row> rows = store.conflicts().open(visible.scope(me)).stream().map(c -> row(me, c)).toList();
        model.addAttribute("nav", "conflicts");
        model.addAttribute("rows", rows);
        model.addAttribute("people", names(rows.stream().flatMap(r -> Stream.of(r.conflict().claimantId(),
                r.conflict().ownerId(), r.company() == null ? null : r.company().ownerId()))));
        return "conflicts";
    }

    @PostMapping("/conflicts/{id}/resolve")
    String resolve(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam Resolution resolution,
            RedirectAttributes flash) {
        DuplicatePages.requireManager(me);
        OwnershipConflict conflict = visible.conflict(me, id);
        if (resolution == Resolution.HAND_OVER) {
            visible.requireAssignable(me, conflict.claimantId());
        }
        var outcome = resolve.resolve(conflict, resolution, me.userId());
        if (outcome.resolved()) {
            flash.addFlashAttribute("done", "conflicts.done." + resolution);
        } else {
            flash.addFlashAttribute("problemKey", "conflicts.alreadyResolved");
        }
        return "redirect:/conflicts";
    }

    private Row row(SignedIn me, OwnershipConflict conflict) {
        Company company = store.companies().findLive(conflict.companyId())
                .filter(c -> store.access().canSee(me.viewer(), c)).orElse(null);
        if (company == null) {
            return new Row(conflict, null, Mail.NONE, Mail.NONE, null, false);
        }
        List<StoredMessage> mail = store.messages().ofCompany(company.id(), EVIDENCE_MESSAGES);
        String link = store.messages().byMessageId(conflict.messageId()).map(m -> "/messages/" + m.id()).orElse(null);
        boolean canHandOver = me.userId().equals(conflict.claimantId())
                || store.access().canAssignTo(me.viewer(), conflict.claimantId());
        return new Row(conflict, company, mailOf(mail, company.ownerId()), mailOf(mail, conflict.claimantId()), link,
                canHandOver && !conflict.claimantId().equals(company.ownerId()));
    }

    private static Mail mailOf(List<StoredMessage> mail, String userId) {
        if (userId == null) {
            return Mail.NONE;
        }
        List<Instant> times = mail.stream()
                .filter(m -> m.mailboxes().stream().map(MailboxRef::userId).anyMatch(userId::equals))
                .map(StoredMessage::sentAt).filter(Objects::nonNull).sorted().toList();
        return times.isEmpty() ? Mail.NONE : new Mail(times.size(), times.get(0), times.get(times.size() - 1));
    }

    private Map<String, String> names(Stream<String> userIds) {
        Collection<String> ids = userIds.filter(Objects::nonNull).collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return Map.of();
        }
        return store.users().byIds(ids).stream().collect(Collectors.toMap(User::id, User::name, (a, b) -> a));
    }
}
