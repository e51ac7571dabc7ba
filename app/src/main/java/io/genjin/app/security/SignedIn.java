package io.genjin.app.security;

import io.genjin.store.access.Viewer;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.io.Serializable;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The signed-in user, as the security context holds it. */
public record SignedIn(String userId, String name, Role role, String teamId, String locale) implements Serializable {

    public static SignedIn of(User user) {
        return new SignedIn(user.id(), user.name(), user.role(), user.teamId(), user.locale());
    }

    public Viewer viewer() {
        return new Viewer(userId, role, teamId);
    }

    public List<SimpleGrantedAuthority> authorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }
}
