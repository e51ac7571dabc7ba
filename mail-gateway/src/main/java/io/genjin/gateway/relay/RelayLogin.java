package io.genjin.gateway.relay;

import io.genjin.store.CrmStore;
import io.genjin.store.relay.RelayCredential;
import io.genjin.store.relay.RelayStore;
import io.genjin.store.user.User;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.auth.UsernamePasswordValidator;

/**
 * AUTH PLAIN / LOGIN: the password is a relay credential Genjin issued, and the username is one of
 * that credential's user's addresses (what every mail client puts there by default).
 */
final class RelayLogin implements UsernamePasswordValidator {
    private static final Logger log = LoggerFactory.getLogger(RelayLogin.class);
    private final CrmStore crm;
    private final RelayStore relay;

    RelayLogin(CrmStore crm, RelayStore relay) {
        this.crm = crm;
        this.relay = relay;
    }

    @Override
    public void login(String username, String password, MessageContext context) throws LoginFailedException {
        String address = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        Optional<User> user = relay.credentials().check(password).map(RelayCredential::userId)
                .flatMap(id -> crm.users().find(id)).filter(u -> u.addresses().contains(address));
        if (user.isEmpty()) {
            log.info("relay login refused for <{}> from {}", address, context.getRemoteAddress());
            throw new LoginFailedException("5.7.8 Authentication credentials invalid: use your address and the relay "
                    + "password Genjin issued to you");
        }
    }

    /** The user a session signed in as. */
    Optional<User> userOf(MessageContext context) {
        return context.getAuthenticationHandler().map(h -> String.valueOf(h.getIdentity()))
                .map(u -> u.trim().toLowerCase(Locale.ROOT)).flatMap(a -> crm.users().byAddress(a));
    }
}
