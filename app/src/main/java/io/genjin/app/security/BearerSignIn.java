package io.genjin.app.security;

import java.util.Optional;

/**
 * A kind of Bearer token the API takes besides Genjin's personal tokens: the Outlook add-in's
 * Microsoft Entra access tokens (nested app authentication). {@link #recognises} decides by the
 * token's form which kind it is, so a personal token is never sent to an outside validator.
 */
public interface BearerSignIn {

    boolean recognises(String token);

    /** The Genjin user the token stands for, when it is valid and they may sign in; empty otherwise. */
    Optional<SignedIn> signIn(String token);
}
