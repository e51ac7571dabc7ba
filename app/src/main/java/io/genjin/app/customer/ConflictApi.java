package io.genjin.app.customer;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.conflict.OwnershipConflict;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** 撞客: open ownership conflicts in the caller's scope, for managers and admins to resolve. */
@ConditionalOnRole(Roles.API)
@RestController
class ConflictApi {
    private final CrmStore store;
    private final VisibleCustomers visible;

    ConflictApi(CrmStore store, VisibleCustomers visible) {
        this.store = store;
        this.visible = visible;
    }

    @GetMapping("/api/conflicts")
    List<OwnershipConflict> open(@AuthenticationPrincipal SignedIn me) {
        return store.conflicts().open(visible.scope(me));
    }
}
