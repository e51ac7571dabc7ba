package io.genjin.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <token>}: a Genjin personal token, or a token one of the
 * {@link BearerSignIn}s recognises (an Entra access token from the Outlook add-in). A request with no
 * header goes on unauthenticated (and is refused later if the endpoint needs a user); a wrong token
 * is refused here with 401.
 */
class BearerTokenFilter extends OncePerRequestFilter {
    private static final String PREFIX = "Bearer ";
    private final TokenAuthenticator authenticator;
    private final AuthenticationEntryPoint entryPoint;
    private final java.util.List<BearerSignIn> others;

    BearerTokenFilter(TokenAuthenticator authenticator, AuthenticationEntryPoint entryPoint) {
        this(authenticator, entryPoint, java.util.List.of());
    }

    BearerTokenFilter(TokenAuthenticator authenticator, AuthenticationEntryPoint entryPoint,
            java.util.List<BearerSignIn> others) {
        this.authenticator = authenticator;
        this.entryPoint = entryPoint;
        this.others = java.util.List.copyOf(others);
    }

    private java.util.Optional<org.springframework.security.core.Authentication> authenticate(String token) {
        for (BearerSignIn other : others) {
            if (other.recognises(token)) {
                return other.signIn(token).map(user -> org.springframework.security.authentication
                        .UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities()));
            }
        }
        return authenticator.authenticate(token);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            chain.doFilter(request, response);
            return;
        }
        var authentication = authenticate(header.substring(PREFIX.length()).trim());
        if (authentication.isEmpty()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("unknown or revoked token"));
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication.get());
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
