package io.genjin.app.customer;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.app.web.Conflict;
import io.genjin.store.CrmStore;
import io.genjin.store.conflict.OwnershipConflict;
import io.genjin.store.conflict.ResolveOwnershipConflict;
import io.genjin.store.conflict.ResolveOwnershipConflict.Resolution;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * 撞客: open ownership conflicts in the caller's scope, for managers and admins to resolve: keep the
 * owner, hand the customer to the claimant, or release it to the public pool (公海).
 */
@ConditionalOnRole(Roles.API)
@RestController
class ConflictApi {
    private final CrmStore store;
    private final VisibleCustomers visible;
    private final ResolveOwnershipConflict resolve;

    ConflictApi(CrmStore store, VisibleCustomers visible, ResolveOwnershipConflict resolve) {
        this.store = store;
        this.visible = visible;
        this.resolve = resolve;
    }

    @GetMapping("/api/conflicts")
    List<OwnershipConflict> open(@AuthenticationPrincipal SignedIn me) {
        return store.conflicts().open(visible.scope(me));
    }

    /**
     * Decides a conflict about a customer the caller sees (else 404); handing over needs the right to
     * give the claimant customers (403). A conflict decided before answers 409 and changes nothing.
     */
    @PostMapping("/api/conflicts/{id}/resolve")
    OwnershipConflict resolve(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
            @Valid @RequestBody Decision body) {
        OwnershipConflict conflict = visible.conflict(me, id);
        if (body.resolution() == Resolution.HAND_OVER) {
            visible.requireAssignable(me, conflict.claimantId());
        }
        var outcome = resolve.resolve(conflict, body.resolution(), me.userId());
        if (!outcome.resolved()) {
            throw new Conflict("This conflict was already resolved (" + outcome.conflict().resolution() + ").");
        }
        return outcome.conflict();
    }

    record Decision(@NotNull Resolution resolution) {
    }
}
