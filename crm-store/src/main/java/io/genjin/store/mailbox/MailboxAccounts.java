package io.genjin.store.mailbox;

import io.genjin.store.Ids;
import io.genjin.store.NotFound;
import io.genjin.store.mailbox.MailboxAccount.Auth;
import io.genjin.store.mailbox.MailboxAccount.Security;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Mailbox accounts; secrets are sealed on the way in and opened only for {@link #secretOf}. An
 * account signed in with OAuth 2.0 has a {@link MailboxGrant}: {@link #secretOf} refreshes its access
 * token before it expires, so sync and sending never log in with a stale one.
 */
public class MailboxAccounts {
    /**
     * Refresh this long before the access token expires: a sync pass or a send that starts just
     * before expiry must not log in with a token that lapses on the way (clocks also differ a little).
     */
    static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);
    private final MongoOperations mongo;
    private final SecretCipher cipher;
    private final Clock clock;
    private final TokenRefresher refresher;
    private final Map<String, Object> refreshing = new ConcurrentHashMap<>();

    public MailboxAccounts(MongoOperations mongo, SecretCipher cipher, Clock clock) {
        this(mongo, cipher, clock, TokenRefresher.NONE);
    }

    public MailboxAccounts(MongoOperations mongo, SecretCipher cipher, Clock clock, TokenRefresher refresher) {
        this.mongo = mongo;
        this.cipher = cipher;
        this.clock = clock;
        this.refresher = refresher;
    }

    /** A new account, sealing {@code secret} to the new account's id. */
    public MailboxAccount add(String userId, String host, int port, Security security, String username, String secret,
            Auth auth) {
        String id = Ids.newId();
        return mongo.insert(new MailboxAccount(id, userId, host, port, security, username, cipher.seal(secret, id), auth,
                true, clock.instant()));
    }

    /**
     * A new XOAUTH2 account from an OAuth sign-in: the access token is its secret, the refresh token
     * goes into its grant, both sealed to the account's id.
     */
    public MailboxAccount addSignedIn(String userId, String host, int port, Security security, String username,
            String provider, TokenRefresher.Refreshed tokens) {
        MailboxAccount account = add(userId, host, port, security, username, tokens.accessToken(), Auth.XOAUTH2);
        saveGrant(account.id(), provider, tokens);
        return account;
    }

    /** The owner signed in again (or the first time for an account added by hand): fresh tokens, no "sign in again". */
    public void renewSignIn(String accountId, String provider, TokenRefresher.Refreshed tokens) {
        mongo.updateFirst(Query.query(Criteria.where("id").is(accountId)), new Update()
                .set("sealedSecret", cipher.seal(tokens.accessToken(), accountId)).set("auth", Auth.XOAUTH2)
                .set("enabled", true), MailboxAccount.class);
        saveGrant(accountId, provider, tokens);
    }

    public Optional<MailboxGrant> grantOf(String accountId) {
        return Optional.ofNullable(mongo.findById(accountId, MailboxGrant.class));
    }

    private void saveGrant(String accountId, String provider, TokenRefresher.Refreshed tokens) {
        if (tokens.refreshToken() == null) {
            throw new io.genjin.store.Invalid("the provider gave no refresh token (was offline access granted?)");
        }
        mongo.save(new MailboxGrant(accountId, provider, cipher.seal(tokens.refreshToken(), accountId),
                tokens.expiresAt(), null, null, clock.instant()));
    }

    /**
     * The secret in clear, to log in with. Re-seals it under the current key when an older key sealed
     * it. For an OAuth account whose access token expires within {@link #REFRESH_AHEAD}, gets a new
     * one first (one refresh per account at a time in this process; the others wait and use its result).
     *
     * @throws SignInAgain the provider refused the grant: the owner must sign in again
     */
    public String secretOf(MailboxAccount account) {
        if (account.auth() == Auth.XOAUTH2) {
            Optional<MailboxGrant> grant = grantOf(account.id());
            if (grant.isPresent()) {
                return freshAccessToken(account, grant.get());
            }
        }
        return openSecret(account);
    }

    private String freshAccessToken(MailboxAccount account, MailboxGrant seen) {
        if (seen.needsSignIn()) {
            throw new SignInAgain(account.id(), seen.lastRefreshError());
        }
        if (!expiresSoon(seen)) {
            return openSecret(account);
        }
        synchronized (refreshing.computeIfAbsent(account.id(), id -> new Object())) {
            MailboxGrant grant = grantOf(account.id()).orElse(seen);
            MailboxAccount current = find(account.id()).orElse(account);
            if (grant.needsSignIn()) {
                throw new SignInAgain(account.id(), grant.lastRefreshError());
            }
            if (!expiresSoon(grant)) {
                return openSecret(current);
            }
            TokenRefresher.Refreshed tokens;
            try {
                tokens = refresher.refresh(grant.provider(), cipher.open(grant.sealedRefreshToken(), account.id()));
            } catch (TokenRefresher.Refused e) {
                mongo.updateFirst(Query.query(Criteria.where("id").is(account.id())), new Update()
                        .set("signInAgainSince", clock.instant()).set("lastRefreshError", limit(e.getMessage()))
                        .set("updatedAt", clock.instant()), MailboxGrant.class);
                throw new SignInAgain(account.id(), e.getMessage());
            } catch (RuntimeException e) {
                mongo.updateFirst(Query.query(Criteria.where("id").is(account.id())), new Update()
                        .set("lastRefreshError", limit(e.toString())).set("updatedAt", clock.instant()), MailboxGrant.class);
                throw e;
            }
            mongo.updateFirst(Query.query(Criteria.where("id").is(account.id())),
                    Update.update("sealedSecret", cipher.seal(tokens.accessToken(), account.id())), MailboxAccount.class);
            Update update = new Update().set("accessExpiresAt", tokens.expiresAt()).unset("lastRefreshError")
                    .set("updatedAt", clock.instant());
            if (tokens.refreshToken() != null) {
                // Microsoft rotates refresh tokens; the new one replaces the old (RFC 6749 §6).
                update.set("sealedRefreshToken", cipher.seal(tokens.refreshToken(), account.id()));
            }
            mongo.updateFirst(Query.query(Criteria.where("id").is(account.id())), update, MailboxGrant.class);
            return tokens.accessToken();
        }
    }

    private boolean expiresSoon(MailboxGrant grant) {
        return grant.accessExpiresAt() == null || !grant.accessExpiresAt().isAfter(clock.instant().plus(REFRESH_AHEAD));
    }

    private static String limit(String text) {
        return text == null ? null : text.length() > 500 ? text.substring(0, 500) : text;
    }

    private String openSecret(MailboxAccount account) {
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
        mongo.remove(Query.query(Criteria.where("id").is(id)), MailboxGrant.class);
        return removed;
    }
}
