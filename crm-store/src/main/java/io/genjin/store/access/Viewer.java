package io.genjin.store.access;

import io.genjin.store.user.Role;
import io.genjin.store.user.User;

/** Who is asking: the signed-in user, reduced to what visibility decisions need. */
public record Viewer(String userId, Role role, String teamId) {

    public static Viewer of(User user) {
        return new Viewer(user.id(), user.role(), user.teamId());
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean isManager() {
        return role == Role.MANAGER;
    }
}
