package io.genjin.followup;

import io.genjin.store.CrmStore;
import io.genjin.store.user.Team;
import io.genjin.store.user.User;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The users and teams at one moment, read once: who a user is, and who their manager is — the
 * user's own manager link, else the manager of their team (unless that is themselves).
 */
public final class People {
    private final Map<String, User> users = new HashMap<>();
    private final Map<String, Team> teams = new HashMap<>();

    private People() {
    }

    public static People of(CrmStore store) {
        People people = new People();
        store.users().all().forEach(u -> people.users.put(u.id(), u));
        store.users().teams().forEach(t -> people.teams.put(t.id(), t));
        return people;
    }

    public Optional<User> user(String id) {
        return Optional.ofNullable(id == null ? null : users.get(id));
    }

    public Optional<User> managerOf(String userId) {
        User user = users.get(userId);
        if (user == null) {
            return Optional.empty();
        }
        String manager = user.managerId();
        if (manager == null && user.teamId() != null && teams.containsKey(user.teamId())) {
            manager = teams.get(user.teamId()).managerId();
        }
        if (manager == null) {
            // A team without its manager recorded: the one MANAGER among its members stands in.
            manager = users.values().stream().filter(u -> u.teamId() != null && u.teamId().equals(user.teamId())
                    && u.role() == io.genjin.store.user.Role.MANAGER && !u.id().equals(userId))
                    .map(User::id).findFirst().orElse(null);
        }
        return manager == null || manager.equals(userId) ? Optional.empty() : user(manager);
    }
}
