package io.genjin.app.relay;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.store.CrmStore;
import io.genjin.store.relay.RelayCredentials;
import io.genjin.store.relay.RelayStore;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Issuing and revoking a user's relay passwords, audited: the API and the relay page both call this.
 * Who may (the user or an admin) is the caller's check.
 */
@ConditionalOnRole(Roles.API)
@Component
public class RelayPasswords {
    private final CrmStore crm;
    private final RelayStore relay;

    RelayPasswords(CrmStore crm, RelayStore relay) {
        this.crm = crm;
        this.relay = relay;
    }

    /** A new password; its secret is in the result only, never stored in clear. */
    public RelayCredentials.Issued issue(String actorId, String userId, String label) {
        crm.users().get(userId);
        RelayCredentials.Issued issued = relay.credentials().issue(userId, label);
        crm.audit().record(actorId, "relay.credential.issued", "user", userId, Map.of("credentialId", issued.credential().id()));
        return issued;
    }

    /** False when the user has no such password. */
    public boolean revoke(String actorId, String userId, String credentialId) {
        if (!relay.credentials().revoke(userId, credentialId)) {
            return false;
        }
        crm.audit().record(actorId, "relay.credential.revoked", "user", userId, Map.of("credentialId", credentialId));
        return true;
    }
}
