package io.genjin.app.ui;

import io.genjin.app.mailbox.ConnectSignedInMailbox;
import io.genjin.app.mailbox.MailboxOAuthProperties;
import io.genjin.app.mailbox.OAuthClient;
import io.genjin.app.mailbox.OAuthProvider;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.NotFound;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxStore;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * "Sign in with Microsoft / Google" for a mailbox: the OAuth 2.0 authorization-code grant with PKCE.
 * The start (a POST with the page's CSRF token) keeps the sign-in in the web session under a random
 * {@code state} and sends the browser to the provider; the callback accepts only a state this
 * session started, once and within {@code sign-in-timeout}, trades the code for tokens and returns to
 * the mailboxes page. It never redirects anywhere a request names: the way back is always Genjin's
 * own page for the user the sign-in was started for.
 */
@ConditionalOnRole(Roles.API)
@Controller
class MailboxSignIn {
    static final String CALLBACK = MailboxesPage.PATH + "/oauth/callback";
    private static final String PENDING = MailboxSignIn.class.getName() + ".pending";
    private static final Logger log = LoggerFactory.getLogger(MailboxSignIn.class);
    private final CrmStore crm;
    private final MailboxStore mailboxes;
    private final OAuthClient oauth;
    private final ConnectSignedInMailbox connect;
    private final MailboxOAuthProperties properties;
    private final Clock clock;

    MailboxSignIn(CrmStore crm, MailboxStore mailboxes, OAuthClient oauth, ConnectSignedInMailbox connect,
            MailboxOAuthProperties properties, Clock clock) {
        this.crm = crm;
        this.mailboxes = mailboxes;
        this.oauth = oauth;
        this.connect = connect;
        this.properties = properties;
        this.clock = clock;
    }

    /** One sign-in in progress, kept in the session under its state. */
    record Pending(String provider, String userId, String startedBy, String mailboxId, String address, String verifier,
            String redirectUri, Instant startedAt) implements Serializable {
    }

    @PostMapping(MailboxesPage.PATH + "/oauth/{provider}")
    String start(@AuthenticationPrincipal SignedIn me, @PathVariable String provider,
            @RequestParam(required = false) String user, @RequestParam(required = false) String address,
            @RequestParam(required = false) String mailbox, HttpSession session, RedirectAttributes flash) {
        SetupTarget target = SetupTarget.of(crm, me, user);
        Optional<OAuthProvider> configured = oauth.provider(provider);
        if (configured.isEmpty()) {
            flash.addFlashAttribute("problemKey", "mailboxes.oauth.notConfigured");
            return "redirect:" + target.page(MailboxesPage.PATH);
        }
        String hint = address;
        if (mailbox != null && !mailbox.isBlank()) {
            MailboxAccount account = mailboxes.accounts().find(mailbox).filter(a -> a.userId().equals(target.id()))
                    .orElseThrow(() -> new NotFound("mailbox", mailbox));
            hint = account.username();
        } else if (address == null || !address.contains("@") || address.length() > 320) {
            flash.addFlashAttribute("problemKey", "mailboxes.error.address");
            return "redirect:" + target.page(MailboxesPage.PATH);
        }
        String state = OAuthClient.randomToken();
        String verifier = OAuthClient.randomToken();
        String redirectUri = properties.redirectUri() != null && !properties.redirectUri().isBlank()
                ? properties.redirectUri().trim()
                : ServletUriComponentsBuilder.fromCurrentContextPath().path(CALLBACK).build().toUriString();
        Instant oldest = clock.instant().minus(properties.signInTimeout());
        Pending started = new Pending(provider, target.id(), me.userId(), mailbox == null || mailbox.isBlank() ? null : mailbox,
                hint.trim(), verifier, redirectUri, clock.instant());
        Map<String, Pending> all = new HashMap<>(pending(session));
        all.values().removeIf(p -> p.startedAt().isBefore(oldest));
        all.put(state, started);
        session.setAttribute(PENDING, all);
        return "redirect:" + oauth.authorizeUri(configured.get(), redirectUri, state, verifier, hint);
    }

    @GetMapping(CALLBACK)
    String callback(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String state,
            @RequestParam(required = false) String code, @RequestParam(required = false) String error,
            HttpSession session, RedirectAttributes flash) {
        Pending pending = state == null ? null : take(session, state);
        if (pending == null || !pending.startedBy().equals(me.userId())
                || pending.startedAt().plus(properties.signInTimeout()).isBefore(clock.instant())) {
            // Not a sign-in this session started (forged, replayed or too old): nothing is exchanged.
            flash.addFlashAttribute("problemKey", "mailboxes.oauth.stale");
            return "redirect:" + MailboxesPage.PATH;
        }
        String back = pending.userId().equals(me.userId()) ? MailboxesPage.PATH
                : SetupTarget.of(crm, me, pending.userId()).page(MailboxesPage.PATH);
        if (error != null || code == null || code.isBlank()) {
            log.info("OAuth sign-in for user {} with {} ended without a code: {}", pending.userId(), pending.provider(), error);
            flash.addFlashAttribute("problemKey", "mailboxes.oauth.cancelled");
            return "redirect:" + back;
        }
        OAuthProvider provider = oauth.provider(pending.provider()).orElseThrow();
        try {
            OAuthClient.SignedIn signedIn = oauth.exchange(provider, code, pending.verifier(), pending.redirectUri());
            String username = signedIn.email() != null ? signedIn.email() : pending.address();
            Optional<MailboxAccount> reconnect = Optional.ofNullable(pending.mailboxId())
                    .flatMap(id -> mailboxes.accounts().find(id)).filter(a -> a.userId().equals(pending.userId()));
            connect.connect(me.userId(), pending.userId(), provider, signedIn, username, reconnect);
            flash.addFlashAttribute("done", reconnect.isPresent() ? "mailboxes.oauth.reconnected" : "mailboxes.oauth.connected");
        } catch (RuntimeException e) {
            log.warn("OAuth sign-in for user {} with {} failed at the token endpoint: {}", pending.userId(),
                    pending.provider(), e.toString());
            flash.addFlashAttribute("problemKey", "mailboxes.oauth.failed");
        }
        return "redirect:" + back;
    }

    /**
     * The sign-ins this session has started. The map in the session is never changed in place: each
     * change stores a new one with {@code setAttribute}, so the session kept in the store saves it.
     * Each request works on its own copy of the session; of two sign-ins started in the same instant
     * in one session the later save wins, and the other's callback asks the user to start again.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Pending> pending(HttpSession session) {
        return session.getAttribute(PENDING) instanceof Map<?, ?> map ? (Map<String, Pending>) map : Map.of();
    }

    /** The sign-in started under this state, removed so it is used once; compared in constant time. */
    private static Pending take(HttpSession session, String state) {
        Map<String, Pending> all = new HashMap<>(pending(session));
        byte[] given = state.getBytes(StandardCharsets.UTF_8);
        String match = all.keySet().stream()
                .filter(k -> MessageDigest.isEqual(k.getBytes(StandardCharsets.UTF_8), given)).findFirst().orElse(null);
        if (match == null) {
            return null;
        }
        Pending taken = all.remove(match);
        session.setAttribute(PENDING, all);
        return taken;
    }
}
