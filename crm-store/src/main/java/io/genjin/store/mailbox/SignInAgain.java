package io.genjin.store.mailbox;

/**
 * The mailbox's OAuth grant is gone (refused by the provider): no sync or sending until its owner
 * signs in again. Thrown instead of logging in with a token that cannot work.
 */
public final class SignInAgain extends RuntimeException {
    public SignInAgain(String accountId, String why) {
        super("Mailbox " + accountId + " needs its owner to sign in again: " + why);
    }
}
