package io.genjin.app.security;

import io.genjin.store.CrmStore;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Turns an API token into a signed-in user: for the API (a Bearer header) and for the web sign-in
 * form (the token typed in), so both paths check tokens the same way. A deactivated user's tokens
 * sign no one in.
 */
@Component
public class TokenAuthenticator implements AuthenticationProvider {
    private final CrmStore store;

    public TokenAuthenticator(CrmStore store) {
        this.store = store;
    }

    public Optional<Authentication> authenticate(String secret) {
        return store.apiTokens().resolve(secret).flatMap(token -> store.users().find(token.userId())
                .filter(io.genjin.store.user.User::active)
                .map(SignedIn::of)
                .map(user -> {
                    var signedIn = UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
                    // A web session keeps which token opened it, so revoking that token ends the session.
                    signedIn.setDetails(new SignedInWith(token.id()));
                    return signedIn;
                }));
    }

    /** Whether the token a session was opened with is still valid. */
    public boolean tokenActive(String tokenId) {
        return store.apiTokens().active(tokenId);
    }

    /** The token a signed-in session was opened with (the authentication's details). */
    public record SignedInWith(String tokenId) implements java.io.Serializable {
    }

    /**
     * The signed-in user as they are now: their current role and team, or empty when they were
     * deactivated or removed since signing in.
     */
    public Optional<SignedIn> current(String userId) {
        return store.users().find(userId).filter(io.genjin.store.user.User::active).map(SignedIn::of);
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        Object secret = attempt.getCredentials();
        return authenticate(secret == null ? null : secret.toString().trim())
                .orElseThrow(() -> new BadCredentialsException("unknown or revoked token"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
