package io.genjin.app.mailbox;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.store.CrmStore;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxStore;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The end of an OAuth sign-in: a new XOAUTH2 mailbox on the provider's IMAP and SMTP servers, or,
 * signing in again, fresh tokens for the mailbox that needed them. Tokens are sealed by the store;
 * the sync picks the mailbox up at once.
 */
@ConditionalOnRole(Roles.API)
@Component
public class ConnectSignedInMailbox {
    private final CrmStore crm;
    private final MailboxStore mailboxes;
    private final MailboxSyncs syncs;

    ConnectSignedInMailbox(CrmStore crm, MailboxStore mailboxes, MailboxSyncs syncs) {
        this.crm = crm;
        this.mailboxes = mailboxes;
        this.syncs = syncs;
    }

    /**
     * @param reconnect the mailbox being signed in again, or empty for a new one
     * @param username  the mailbox address (from the provider's ID token, else what the user typed)
     */
    public MailboxAccount connect(String actorId, String userId, OAuthProvider provider, OAuthClient.SignedIn signedIn,
            String username, Optional<MailboxAccount> reconnect) {
        crm.users().get(userId);
        MailboxAccount account;
        if (reconnect.isPresent()) {
            account = reconnect.get();
            mailboxes.accounts().renewSignIn(account.id(), provider.name(), signedIn.tokens());
            crm.audit().record(actorId, "mailbox.signedInAgain", "user", userId,
                    Map.of("mailboxId", account.id(), "provider", provider.name()));
        } else {
            Optional<MailboxAccount> same = mailboxes.accounts().ofUser(userId).stream()
                    .filter(a -> a.host().equals(provider.imapHost()) && a.username().equalsIgnoreCase(username)).findFirst();
            if (same.isPresent()) {
                account = same.get();
                mailboxes.accounts().renewSignIn(account.id(), provider.name(), signedIn.tokens());
            } else {
                account = mailboxes.accounts().addSignedIn(userId, provider.imapHost(), provider.imapPort(),
                        provider.imapSecurity(), username, provider.name(), signedIn.tokens());
                mailboxes.accounts().setSmtp(account.id(), new MailboxAccount.Smtp(provider.smtpHost(), provider.smtpPort(),
                        provider.smtpSecurity()));
            }
            crm.audit().record(actorId, "mailbox.added", "user", userId,
                    Map.of("mailboxId", account.id(), "host", provider.imapHost(), "provider", provider.name()));
        }
        String id = account.id();
        syncs.sync().ifPresent(s -> s.requestSync(id));
        return mailboxes.accounts().get(id);
    }
}
