package io.genjin.app.user;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.app.web.Conflict;
import io.genjin.app.web.Refusal;
import io.genjin.store.CrmStore;
import io.genjin.store.NotFound;
import io.genjin.store.access.CustomerAccess.Scope;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.ReassignCustomer;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import io.genjin.store.user.User;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * An admin's work on people and teams: create a user, change their role or team, deactivate or
 * reactivate them, hand all of a user's customers to someone else (one {@link ReassignCustomer} per
 * customer, each audited), create and rename teams. The API and the users page call the same methods;
 * the caller's role is checked here too, not only by the URL rules.
 */
@ConditionalOnRole(Roles.API)
@Component
public class UserAdmin {
    private static final int BATCH = 200;
    private final CrmStore store;
    private final ReassignCustomer reassign;

    UserAdmin(CrmStore store, ReassignCustomer reassign) {
        this.store = store;
        this.reassign = reassign;
    }

    public User create(SignedIn me, String name, List<String> addresses, Role role, String teamId, String managerId,
            String locale) {
        requireAdmin(me);
        if (name == null || name.isBlank()) {
            throw new Refusal("users.error.name", null, "A user needs a name.");
        }
        if (addresses == null || addresses.isEmpty()) {
            throw new Refusal("users.error.address", null, "A user needs at least one email address.");
        }
        for (String address : addresses) {
            if (!address.trim().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw new Refusal("users.error.badAddress", address, address + " is not an email address.");
            }
        }
        requireFreeAddresses(addresses, null);
        requireTeam(teamId);
        User created = store.users().create(name.trim(), addresses, role, teamId, managerId, locale);
        store.audit().record(me.userId(), "user.created", "user", created.id(), Map.of("role", role.name()));
        return created;
    }

    /** Changes what is given (null keeps it). A deactivated user stays deactivated. */
    public User change(SignedIn me, String id, String name, List<String> addresses, Role role, String teamId,
            String managerId, String locale) {
        requireAdmin(me);
        User user = store.users().get(id);
        if (addresses != null) {
            requireFreeAddresses(addresses, id);
        }
        requireTeam(teamId);
        if (id.equals(me.userId()) && role != null && role != Role.ADMIN) {
            throw new Refusal("users.error.ownRole", null, "You cannot take away your own admin role.");
        }
        User changed = store.users().save(new User(user.id(), or(name, user.name()), or(addresses, user.addresses()),
                or(role, user.role()), or(teamId, user.teamId()), or(managerId, user.managerId()), or(locale, user.locale()),
                user.createdAt(), user.deactivatedAt()));
        store.audit().record(me.userId(), "user.changed", "user", id, Map.of("role", changed.role().name(),
                "team", String.valueOf(changed.teamId())));
        return changed;
    }

    /** The users page's row form: both are set as given, {@code teamId} null taking the user out of any team. */
    public User setRoleAndTeam(SignedIn me, String id, Role role, String teamId) {
        requireAdmin(me);
        User user = store.users().get(id);
        requireTeam(teamId);
        if (id.equals(me.userId()) && role != Role.ADMIN) {
            throw new Refusal("users.error.ownRole", null, "You cannot take away your own admin role.");
        }
        User changed = store.users().save(new User(user.id(), user.name(), user.addresses(), role, teamId,
                user.managerId(), user.locale(), user.createdAt(), user.deactivatedAt()));
        store.audit().record(me.userId(), "user.changed", "user", id, Map.of("role", role.name(),
                "team", String.valueOf(teamId)));
        return changed;
    }

    /**
     * The user can no longer sign in (tokens and open sessions are refused from the next request);
     * their customers, mail and history stay where they are until handed over.
     */
    public User deactivate(SignedIn me, String id) {
        requireAdmin(me);
        if (id.equals(me.userId())) {
            throw new Refusal("users.error.self", null, "You cannot deactivate yourself.");
        }
        store.users().get(id);
        store.users().setDeactivated(id, store.clock().instant());
        store.audit().record(me.userId(), "user.deactivated", "user", id, null);
        return store.users().get(id);
    }

    public User reactivate(SignedIn me, String id) {
        requireAdmin(me);
        store.users().get(id);
        store.users().setDeactivated(id, null);
        store.audit().record(me.userId(), "user.reactivated", "user", id, null);
        return store.users().get(id);
    }

    /** How many live customers the user owns (archived ones included). */
    public long customersOf(String userId) {
        Scope theirs = new Scope(Set.of(userId), false);
        return store.companies().search(theirs, null, false, 0, Integer.MAX_VALUE).size()
                + store.companies().search(theirs, null, true, 0, Integer.MAX_VALUE).size();
    }

    /** Hands every customer the user owns, archived ones too, to {@code toUserId}; returns how many. */
    public int handOver(SignedIn me, String fromUserId, String toUserId) {
        requireAdmin(me);
        store.users().get(fromUserId);
        User to = store.users().get(toUserId);
        if (!to.active()) {
            throw new Refusal("users.error.handToInactive", to.name(), to.name() + " is deactivated; choose an active user.");
        }
        if (fromUserId.equals(toUserId)) {
            throw new Refusal("users.error.handToSelf", null, "Choose someone else to hand the customers to.");
        }
        Scope theirs = new Scope(Set.of(fromUserId), false);
        int moved = 0;
        for (boolean archived : new boolean[] {false, true}) {
            List<Company> batch;
            // Each moved customer leaves the scope, so the first page is always the next one.
            while (!(batch = store.companies().search(theirs, null, archived, 0, BATCH)).isEmpty()) {
                for (Company company : batch) {
                    reassign.to(company, toUserId, me.userId());
                    moved++;
                }
            }
        }
        store.audit().record(me.userId(), "user.handedOver", "user", fromUserId, Map.of("to", toUserId,
                "customers", Integer.toString(moved)));
        return moved;
    }

    public Team createTeam(SignedIn me, String name, String managerId) {
        requireAdmin(me);
        if (name == null || name.isBlank()) {
            throw new Refusal("teams.error.name", null, "A team needs a name.");
        }
        if (managerId != null) {
            store.users().get(managerId);
        }
        Team team = store.users().createTeam(name.trim(), managerId);
        store.audit().record(me.userId(), "team.created", "team", team.id(), null);
        return team;
    }

    public Team renameTeam(SignedIn me, String id, String name) {
        requireAdmin(me);
        if (name == null || name.isBlank()) {
            throw new Refusal("teams.error.name", null, "A team needs a name.");
        }
        Team team = store.users().renameTeam(id, name.trim());
        store.audit().record(me.userId(), "team.renamed", "team", id, Map.of("name", team.name()));
        return team;
    }

    private static void requireAdmin(SignedIn me) {
        if (me.role() != Role.ADMIN) {
            throw new AccessDeniedException("Only an admin manages users and teams.");
        }
    }

    private void requireFreeAddresses(List<String> addresses, String userId) {
        for (String address : addresses) {
            store.users().byAddress(address).filter(u -> !u.id().equals(userId)).ifPresent(u -> {
                throw new Conflict("The address " + address + " already belongs to another user.");
            });
        }
    }

    private void requireTeam(String teamId) {
        if (teamId != null && store.users().team(teamId).isEmpty()) {
            throw new Refusal("users.error.noTeam", teamId, "No team " + teamId + ".");
        }
    }

    private static <T> T or(T value, T current) {
        return value == null ? current : value;
    }
}
