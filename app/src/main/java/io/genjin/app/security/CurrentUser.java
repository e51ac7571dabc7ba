package io.genjin.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A browser session holds the user as they were when they signed in. Before each page request this
 * looks them up again: a deactivated user's session ends at once (back to the sign-in page), and a
 * changed role or team takes effect on the next click instead of at the next sign-in. A session whose
 * sign-in token was revoked ends too.
 */
public class CurrentUser extends OncePerRequestFilter {
    /** Session attribute: this session's user was deactivated while signed in. */
    public static final String DEACTIVATED = "genjin.deactivated";
    private static final String SIGN_IN = "/signin";
    private final TokenAuthenticator users;

    public CurrentUser(TokenAuthenticator users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedIn signedIn) {
            Optional<SignedIn> now = users.current(signedIn.userId());
            if (now.isPresent() && authentication.getDetails() instanceof TokenAuthenticator.SignedInWith with
                    && !users.tokenActive(with.tokenId())) {
                // The token this session was opened with was revoked (on any replica: the session and the
                // token are both in the store): signed out, as by the sign-out button.
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                toSignIn(request, response, chain);
                return;
            }
            if (now.isEmpty()) {
                // Signed out, with a note the sign-in page shows: whichever request noticed first (a page,
                // or the browser fetching an icon in the background), the next page says why.
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
                    session.setAttribute(DEACTIVATED, Boolean.TRUE);
                }
                toSignIn(request, response, chain);
                return;
            }
            if (!now.get().equals(signedIn)) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                var refreshed = UsernamePasswordAuthenticationToken.authenticated(now.get(), null, now.get().authorities());
                refreshed.setDetails(authentication.getDetails());
                context.setAuthentication(refreshed);
                SecurityContextHolder.setContext(context);
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
                }
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * A session just signed out goes to the sign-in page; a request for that page is served as it
     * came, signed out, rather than sent to itself. A session's user can come back after it was
     * removed: the sessions are documents in the store, and a long request that read the session before
     * (the live badge's event stream) writes it back whole when it ends. Sent from the sign-in page to
     * itself, the page after a refused sign-in ({@code /signin?error}) lost its message.
     */
    private static void toSignIn(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("GET".equals(request.getMethod()) && SIGN_IN.equals(request.getServletPath())) {
            chain.doFilter(request, response);
            return;
        }
        response.sendRedirect(request.getContextPath() + SIGN_IN);
    }
}
