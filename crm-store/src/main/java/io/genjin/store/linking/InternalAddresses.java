package io.genjin.store.linking;

import io.genjin.store.user.User;
import io.genjin.store.user.Users;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Tells the team's own addresses from everyone else's. An address is internal when it is any user's
 * (a rep's private Gmail they send from is theirs, not a customer's), or when its domain is the
 * team's: configured in {@code genjin.linking.internal-domains}, or the business domain of any user's
 * address, so a team that set nothing still knows its colleagues and its own mail daemon.
 */
class InternalAddresses {
    private final Users users;
    private final MailDomains domains;
    private volatile TeamDomains team = new TeamDomains(Set.of(), null);

    InternalAddresses(Users users, MailDomains domains) {
        this.users = users;
        this.domains = domains;
    }

    boolean isInternal(String address) {
        String domain = MailDomains.domainOf(address);
        return domains.isInternalDomain(domain) || isTeamDomain(domain) || user(address).isPresent();
    }

    /** The user with this address, from the users' {@link Users#directory() directory}. */
    Optional<User> user(String address) {
        return users.directory().byAddress(address);
    }

    private boolean isTeamDomain(String domain) {
        if (domain == null) {
            return false;
        }
        Set<String> own = teamDomains();
        for (String d = domain; d != null; d = MailDomains.parent(d)) {
            if (own.contains(d)) {
                return true;
            }
        }
        return false;
    }

    /** The users' business domains, worked out again when the users' directory is read again. */
    Set<String> teamDomains() {
        Users.Directory directory = users.directory();
        TeamDomains known = team;
        if (known.directory() == directory) {
            return known.domains();
        }
        Set<String> found = new HashSet<>();
        for (User u : directory.all()) {
            for (String a : u.addresses() == null ? java.util.List.<String>of() : u.addresses()) {
                String d = MailDomains.domainOf(a);
                if (d != null && !domains.isFreeMail(d)) {
                    found.add(d);
                }
            }
        }
        team = new TeamDomains(Set.copyOf(found), directory);
        return team.domains();
    }

    private record TeamDomains(Set<String> domains, Users.Directory directory) {
    }
}
