package io.genjin.app.mailbox;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.store.CrmStore;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxAccount.Security;
import io.genjin.store.mailbox.MailboxStore;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Sets the outgoing (SMTP) server a mailbox sends through, with the mailbox's own login: the relay
 * and sequences send as the user through it. API ({@code PUT …/mailboxes/{id}/smtp}) and the
 * mailboxes page. The host is checked by the outbound guard before every connection.
 */
@ConditionalOnRole(Roles.API)
@Component
public class SetMailboxSmtp {
    private final CrmStore crm;
    private final MailboxStore mailboxes;

    SetMailboxSmtp(CrmStore crm, MailboxStore mailboxes) {
        this.crm = crm;
        this.mailboxes = mailboxes;
    }

    /** Null port: 465 with SSL, else 587; null security: STARTTLS. */
    public MailboxAccount.Smtp set(String actorId, MailboxAccount account, String host, Integer port, Security security) {
        Security chosen = security == null ? Security.STARTTLS : security;
        MailboxAccount.Smtp smtp = new MailboxAccount.Smtp(host.trim().toLowerCase(Locale.ROOT),
                port != null ? port : chosen == Security.SSL ? 465 : 587, chosen);
        mailboxes.accounts().setSmtp(account.id(), smtp);
        crm.audit().record(actorId, "mailbox.smtp.set", "user", account.userId(),
                Map.of("mailboxId", account.id(), "host", smtp.host()));
        return smtp;
    }
}
