package io.genjin.app.mailbox;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.store.mailbox.MailboxAccount;
import org.springframework.stereotype.Component;

/** Asks for a sync pass of one mailbox now, on whichever replica syncs it (API and page). */
@ConditionalOnRole(Roles.API)
@Component
public class SyncMailboxNow {
    private final MailboxSyncs syncs;

    SyncMailboxNow(MailboxSyncs syncs) {
        this.syncs = syncs;
    }

    /** False when this server runs no IMAP sync. */
    public boolean request(MailboxAccount account) {
        syncs.sync().ifPresent(s -> s.requestSync(account.id()));
        return syncs.running();
    }

    public boolean running() {
        return syncs.running();
    }
}
