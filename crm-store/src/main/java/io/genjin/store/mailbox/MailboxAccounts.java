package io.genjin.store.mailbox;

import io.genjin.store.Ids;
import io.genjin.store.NotFound;
import io.genjin.store.mailbox.MailboxAccount.Auth;
import io.genjin.store.mailbox.MailboxAccount.Security;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** Mailbox accounts; secrets are sealed on the way in and opened only for {@link #secretOf}. */
public class MailboxAccounts {
    private final MongoOperations mongo;
    private final SecretCipher cipher;
    private final Clock clock;

    public MailboxAccounts(MongoOperations mongo, SecretCipher cipher, Clock clock) {
        this.mongo = mongo;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** A new account, sealing {@code secret} to the new account's id. */
    public MailboxAccount add(String userId, String host, int port, Security security, String username, String secret,
            Auth auth) {
        String id = Ids.newId();
        return mongo.insert(new MailboxAccount(id, userId, host, port, security, username, cipher.seal(secret, id), auth,
                true, clock.instant()));
    }

    /** The secret in clear, to log in with. Re-seals it under the current key when an older key sealed it. */
    public String secretOf(MailboxAccount account) {
        String secret = cipher.open(account.sealedSecret(), account.id());
        if (cipher.isStale(account.sealedSecret())) {
            mongo.updateFirst(Query.query(Criteria.where("id").is(account.id()).and("sealedSecret").is(account.sealedSecret())),
                    Update.update("sealedSecret", cipher.seal(secret, account.id())), MailboxAccount.class);
        }
        return secret;
    }

    public Optional<MailboxAccount> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(mongo.findById(id, MailboxAccount.class));
    }

    public MailboxAccount get(String id) {
        return find(id).orElseThrow(() -> new NotFound("mailbox", id));
    }

    public List<MailboxAccount> ofUser(String userId) {
        return mongo.find(Query.query(Criteria.where("userId").is(userId)).with(Sort.by("createdAt")), MailboxAccount.class);
    }

    public List<MailboxAccount> enabled() {
        return mongo.find(Query.query(Criteria.where("enabled").is(true)), MailboxAccount.class);
    }

    public boolean exists(String userId, String host, String username) {
        return mongo.exists(Query.query(Criteria.where("userId").is(userId).and("host").is(host).and("username").is(username)),
                MailboxAccount.class);
    }

    /** Sets (or, with null, clears) the account's SMTP server; the secret stays the account's own. */
    public void setSmtp(String id, MailboxAccount.Smtp smtp) {
        mongo.updateFirst(Query.query(Criteria.where("id").is(id)), Update.update("smtp", smtp), MailboxAccount.class);
    }

    /** The account this user sends from: the first enabled one with an SMTP server whose username is
     *  {@code address}, else the first enabled one with an SMTP server. */
    public Optional<MailboxAccount> sendingAccount(String userId, String address) {
        List<MailboxAccount> senders = ofUser(userId).stream().filter(MailboxAccount::canSend).toList();
        return senders.stream().filter(a -> address != null && a.username().equalsIgnoreCase(address)).findFirst()
                .or(() -> senders.stream().findFirst());
    }

    public void setEnabled(String id, boolean enabled) {
        mongo.updateFirst(Query.query(Criteria.where("id").is(id)), Update.update("enabled", enabled), MailboxAccount.class);
    }

    /** Removes the account with its checkpoints and status; false when there was none. */
    public boolean remove(String id) {
        boolean removed = mongo.remove(Query.query(Criteria.where("id").is(id)), MailboxAccount.class).getDeletedCount() > 0;
        mongo.remove(Query.query(Criteria.where("accountId").is(id)), FolderCheckpoint.class);
        mongo.remove(Query.query(Criteria.where("id").is(id)), MailboxStatus.class);
        return removed;
    }
}
