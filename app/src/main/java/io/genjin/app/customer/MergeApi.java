package io.genjin.app.customer;

import io.genjin.app.web.Conflict;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.access.CustomerAccess.Scope;
import io.genjin.store.customer.Company;
import io.genjin.store.linking.DuplicatePair;
import io.genjin.store.linking.FindDuplicateCustomers;
import io.genjin.store.linking.MergeCustomers;
import io.genjin.store.linking.MergeResult;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Duplicate customers (same contact address, domain or normalized name) and merging them, for
 * managers and admins. A merge keeps the survivor's owner and leaves an audit entry.
 */
@ConditionalOnRole(Roles.API)
@RestController
class MergeApi {
    private final CrmStore store;
    private final VisibleCustomers visible;
    private final FindDuplicateCustomers duplicates;
    private final MergeCustomers merge;

    MergeApi(CrmStore store, VisibleCustomers visible, FindDuplicateCustomers duplicates, MergeCustomers merge) {
        this.store = store;
        this.visible = visible;
        this.duplicates = duplicates;
        this.merge = merge;
    }

    /** Pairs where the caller can see both companies. */
    @GetMapping("/api/duplicates")
    List<DuplicatePair> duplicates(@AuthenticationPrincipal SignedIn me) {
        var scope = visible.scope(me);
        return duplicates.find().stream()
                .filter(p -> seen(scope, p.survivorId()) && seen(scope, p.loserId()))
                .toList();
    }

    @PostMapping("/api/companies/{survivorId}/merge")
    MergeResult merge(@AuthenticationPrincipal SignedIn me, @PathVariable String survivorId,
            @Valid @RequestBody MergeRequest body) {
        Company survivor = visible.company(me, survivorId);
        Company loser = visible.company(me, body.loserId());
        if (survivor.id().equals(loser.id())) {
            throw new io.genjin.store.Invalid("A company cannot be merged into itself.");
        }
        try {
            return merge.merge(survivor.id(), loser.id(), me.userId());
        } catch (IllegalStateException raced) {
            // Both were live a moment ago: another merge took one of them in between.
            throw new Conflict("One of these companies was merged meanwhile; reload and try again.");
        }
    }

    private boolean seen(Scope scope, String companyId) {
        return store.companies().find(companyId).map(c -> scope.includes(c.ownerId())).orElse(false);
    }

    record MergeRequest(@NotBlank String loserId) {
    }
}
