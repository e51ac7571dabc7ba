package io.genjin.gateway.smtp;

import io.genjin.store.user.Users;
import java.util.List;
import java.util.Optional;

/**
 * Who may send to the dropbox: Genjin's own users, found by the envelope sender address. Like the
 * BCC dropboxes of HubSpot and Salesforce, this trusts MAIL FROM; see docs/dropbox.md for the
 * optional From: header check and client-network allowlist that narrow what a forger can do.
 */
@FunctionalInterface
public interface KnownSenders {

    Optional<Sender> find(String address);

    /** The users in the CRM store, from their {@link Users#directory() directory} (a user written elsewhere is known within two seconds). */
    static KnownSenders of(Users users) {
        return address -> users.directory().byAddress(address).map(u -> new Sender(u.id(), u.addresses()));
    }

    /** A known user and every address they send from. */
    record Sender(String userId, List<String> addresses) {
        public Sender {
            addresses = List.copyOf(addresses);
        }
    }
}
