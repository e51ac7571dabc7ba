package io.genjin.app.ui;

import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.access.CustomerAccess.Scope;
import io.genjin.store.user.User;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The people a user may hand customers and tasks to, for the choice lists: a rep only themselves, a
 * manager their team, an admin everyone, leaving out deactivated users (the same rule {@code VisibleCustomers.requireAssignable} enforces).
 */
@Component
class Assignees {
    private final CrmStore store;

    Assignees(CrmStore store) {
        this.store = store;
    }

    List<User> of(SignedIn me) {
        Scope scope = store.access().scope(me.viewer());
        List<User> candidates = scope.all() ? store.users().all() : store.users().byIds(scope.owners());
        return candidates.stream()
                .filter(u -> u.id().equals(me.userId()) || store.access().canAssignTo(me.viewer(), u.id()))
                .filter(User::active)
                .sorted(Comparator.comparing(User::name))
                .toList();
    }
}
