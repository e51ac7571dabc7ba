package io.genjin.app.mailbox;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.store.CrmStore;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxStore;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Stops syncing a mailbox and removes it with its checkpoints, status and OAuth grant (API and page). */
@ConditionalOnRole(Roles.API)
@Component
public class RemoveMailbox {
    private final CrmStore crm;
    private final MailboxStore mailboxes;
    private final MailboxSyncs syncs;

    RemoveMailbox(CrmStore crm, MailboxStore mailboxes, MailboxSyncs syncs) {
        this.crm = crm;
        this.mailboxes = mailboxes;
        this.syncs = syncs;
    }

    public void remove(String actorId, MailboxAccount account) {
        syncs.sync().ifPresent(s -> s.forget(account.id()));
        mailboxes.accounts().remove(account.id());
        crm.audit().record(actorId, "mailbox.removed", "user", account.userId(), Map.of("mailboxId", account.id()));
    }
}
