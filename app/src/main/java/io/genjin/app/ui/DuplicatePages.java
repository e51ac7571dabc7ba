package io.genjin.app.ui;

import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.NotFound;
import io.genjin.store.access.CustomerAccess.Scope;
import io.genjin.store.customer.Company;
import io.genjin.store.linking.DuplicatePair;
import io.genjin.store.linking.FindDuplicateCustomers;
import io.genjin.store.linking.MergeCustomers;
import io.genjin.store.linking.MergePreview;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Duplicate customers for managers and admins, as the API has them: the suspected pairs where both
 * companies are in the viewer's scope, a side-by-side preview of a merge (choose which survives),
 * and the merge itself through {@link MergeCustomers}. A pair that went stale (one side merged since
 * the page was drawn) says so instead of merging.
 */
@ConditionalOnRole(Roles.API)
@Controller
class DuplicatePages {
    private final CrmStore store;
    private final VisibleCustomers visible;
    private final FindDuplicateCustomers duplicates;
    private final MergeCustomers merge;

    DuplicatePages(CrmStore store, VisibleCustomers visible, FindDuplicateCustomers duplicates, MergeCustomers merge) {
        this.store = store;
        this.visible = visible;
        this.duplicates = duplicates;
        this.merge = merge;
    }

    /** A suspected pair as the list shows it. */
    record Row(DuplicatePair pair, Company survivor, Company loser) {
    }

    @GetMapping("/duplicates")
    String list(@AuthenticationPrincipal SignedIn me, Model model) {
        requireManager(me);
        Scope scope = visible.scope(me);
        List<Row> rows = duplicates.find().stream()
                .map(p -> new Row(p, store.companies().find(p.survivorId()).orElse(null),
                        store.companies().find(p.loserId()).orElse(null)))
                .filter(r -> r.survivor() != null && r.loser() != null && scope.includes(r.survivor().ownerId())
                        && scope.includes(r.loser().ownerId()))
                .toList();
        model.addAttribute("nav", "conflicts");
        model.addAttribute("rows", rows);
        model.addAttribute("people", names(rows.stream().flatMap(r -> Stream.of(r.survivor().ownerId(), r.loser().ownerId()))));
        return "duplicates";
    }

    @GetMapping("/duplicates/preview")
    String preview(@AuthenticationPrincipal SignedIn me, @RequestParam String survivor, @RequestParam String loser,
            Model model) {
        requireManager(me);
        Company kept = visible.company(me, survivor);
        Company folded = visible.company(me, loser);
        model.addAttribute("nav", "conflicts");
        Optional<String> stale = stale(survivor, loser);
        if (stale.isPresent() || kept.id().equals(folded.id())) {
            model.addAttribute("staleKey", stale.orElse("duplicates.stale.same"));
            model.addAttribute("live", kept);
            return "merge-preview";
        }
        MergePreview preview = merge.preview(kept.id(), folded.id());
        model.addAttribute("preview", preview);
        model.addAttribute("reason", duplicates.of(kept.id()).stream().filter(p -> p.loserId().equals(folded.id())
                || p.survivorId().equals(folded.id())).findFirst().orElse(null));
        model.addAttribute("totals", preview.kinds().stream().collect(Collectors.toMap(k -> k,
                k -> preview.survivorSide().counts().get(k) + preview.loserSide().counts().get(k))));
        model.addAttribute("people", names(Stream.of(kept.ownerId(), folded.ownerId())));
        return "merge-preview";
    }

    @PostMapping("/duplicates/merge")
    String merge(@AuthenticationPrincipal SignedIn me, @RequestParam String survivor, @RequestParam String loser,
            RedirectAttributes flash) {
        requireManager(me);
        Company kept = visible.company(me, survivor);
        Company folded = visible.company(me, loser);
        String back = UriComponentsBuilder.fromPath("/duplicates/preview").queryParam("survivor", survivor)
                .queryParam("loser", loser).encode().build().toUriString();
        if (stale(survivor, loser).isPresent() || kept.id().equals(folded.id())) {
            return "redirect:" + back;
        }
        try {
            merge.merge(kept.id(), folded.id(), me.userId());
        } catch (IllegalStateException raced) {
            // Both were live a moment ago: another merge took one of them in between; the preview says which.
            return "redirect:" + back;
        }
        flash.addFlashAttribute("done", "duplicates.merged");
        return "redirect:/customers/" + kept.id();
    }

    /** The message key saying which side was merged since the pair was listed, if one was. */
    private Optional<String> stale(String survivorId, String loserId) {
        if (merged(survivorId)) {
            return Optional.of("duplicates.stale.survivor");
        }
        if (merged(loserId)) {
            return Optional.of("duplicates.stale.loser");
        }
        return Optional.empty();
    }

    private boolean merged(String companyId) {
        return store.companies().find(companyId).map(c -> c.mergedInto() != null).orElseThrow(
                () -> new NotFound("company", companyId));
    }

    static void requireManager(SignedIn me) {
        if (me.role() == Role.REP) {
            throw new AccessDeniedException("duplicates and conflicts are for managers");
        }
    }

    private Map<String, String> names(Stream<String> userIds) {
        Collection<String> ids = userIds.filter(Objects::nonNull).collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return Map.of();
        }
        return store.users().byIds(ids).stream().collect(Collectors.toMap(User::id, User::name, (a, b) -> a));
    }
}
