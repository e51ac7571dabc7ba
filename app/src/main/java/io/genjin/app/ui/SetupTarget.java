package io.genjin.app.ui;

import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.nio.charset.StandardCharsets;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.util.UriUtils;

/**
 * Whose mail set-up a page shows: the signed-in user's own, or, for an admin, any user's
 * ({@code ?user=}). Anyone else asking for another user's is refused.
 */
record SetupTarget(User user, boolean own) {

    static SetupTarget of(CrmStore crm, SignedIn me, String requested) {
        String id = requested == null || requested.isBlank() ? me.userId() : requested.trim();
        if (!id.equals(me.userId()) && me.role() != Role.ADMIN) {
            throw new AccessDeniedException("Only the user or an admin sets up a user's mail.");
        }
        return new SetupTarget(crm.users().get(id), id.equals(me.userId()));
    }

    String id() {
        return user.id();
    }

    /** The page's own address for this user: where every form on it returns. */
    String page(String path) {
        return own ? path : path + "?user=" + UriUtils.encodeQueryParam(user.id(), StandardCharsets.UTF_8);
    }
}
