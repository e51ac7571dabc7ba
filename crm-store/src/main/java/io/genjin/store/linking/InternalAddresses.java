package io.genjin.store.linking;

import io.genjin.store.user.User;
import io.genjin.store.user.Users;
import java.util.Optional;

/**
 * Tells the team's own addresses from everyone else's: an address is internal when its domain is one
 * of the team's domains or when it is any user's address (a rep's private Gmail they send from is
 * theirs, not a customer's).
 */
class InternalAddresses {
    private final Users users;
    private final MailDomains domains;

    InternalAddresses(Users users, MailDomains domains) {
        this.users = users;
        this.domains = domains;
    }

    boolean isInternal(String address) {
        return domains.isInternalDomain(MailDomains.domainOf(address)) || users.byAddress(address).isPresent();
    }

    Optional<User> user(String address) {
        return users.byAddress(address);
    }
}
