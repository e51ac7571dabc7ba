package io.genjin.app.user;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.NotFound;
import io.genjin.store.access.CustomerAccess.Scope;
import io.genjin.store.user.ApiToken;
import io.genjin.store.user.IssuedToken;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import io.genjin.store.user.User;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users, teams and API tokens. Admins create users and teams (the role rules are in
 * SecurityConfiguration); a manager sees their team; everyone sees themselves and may issue
 * their own tokens.
 */
@ConditionalOnRole(Roles.API)
@RestController
class UserApi {
    private final CrmStore store;
    private final UserAdmin admin;

    UserApi(CrmStore store, UserAdmin admin) {
        this.store = store;
        this.admin = admin;
    }

    @GetMapping("/api/me")
    User me(@AuthenticationPrincipal SignedIn me) {
        return store.users().get(me.userId());
    }

    @GetMapping("/api/users")
    List<User> list(@AuthenticationPrincipal SignedIn me) {
        Scope scope = store.access().scope(me.viewer());
        return scope.all() ? store.users().all() : store.users().byIds(scope.owners());
    }

    @GetMapping("/api/users/{id}")
    User get(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        return visibleUser(me, id);
    }

    @PostMapping("/api/users")
    ResponseEntity<User> create(@AuthenticationPrincipal SignedIn me, @Valid @RequestBody UserFields body) {
        User created = admin.create(me, body.name(), body.addresses(), body.role(), body.teamId(), body.managerId(),
                body.locale());
        return ResponseEntity.created(URI.create("/api/users/" + created.id())).body(created);
    }

    @PatchMapping("/api/users/{id}")
    User update(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody UserChanges body) {
        return admin.change(me, id, body.name(), body.addresses(), body.role(), body.teamId(), body.managerId(),
                body.locale());
    }

    /** The user can no longer sign in; their customers stay theirs until handed over. Admins only. */
    @PostMapping("/api/users/{id}/deactivate")
    User deactivate(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        return admin.deactivate(me, id);
    }

    @PostMapping("/api/users/{id}/reactivate")
    User reactivate(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        return admin.reactivate(me, id);
    }

    /** Hands every customer of the user to {@code toUserId} (the same hand-over as one customer's). Admins only. */
    @PostMapping("/api/users/{id}/hand-over")
    Map<String, Integer> handOver(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
            @Valid @RequestBody HandOver body) {
        return Map.of("customers", admin.handOver(me, id, body.toUserId()));
    }

    /** Issues a token; its secret is in this response only. Yourself, or anyone for an admin. */
    @PostMapping("/api/users/{id}/tokens")
    ResponseEntity<NewToken> issueToken(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
            @Valid @RequestBody(required = false) TokenRequest body) {
        requireSelfOrAdmin(me, id);
        store.users().get(id);
        String label = body == null || body.label() == null ? "api" : body.label();
        IssuedToken issued = store.apiTokens().issue(id, label);
        store.audit().record(me.userId(), "token.issued", "user", id, Map.of("tokenId", issued.token().id()));
        ApiToken token = issued.token();
        return ResponseEntity.status(201).body(new NewToken(token.id(), token.userId(), token.label(), issued.secret(),
                token.createdAt()));
    }

    /** The user's tokens, without secrets or hashes. Yourself, or anyone for an admin. */
    @GetMapping("/api/users/{id}/tokens")
    List<TokenView> tokens(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        requireSelfOrAdmin(me, id);
        return store.apiTokens().ofUser(id).stream().map(TokenView::of).toList();
    }

    @DeleteMapping("/api/users/{id}/tokens/{tokenId}")
    TokenView revokeToken(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @PathVariable String tokenId) {
        requireSelfOrAdmin(me, id);
        if (!store.apiTokens().revoke(id, tokenId)) {
            throw new NotFound("token", tokenId);
        }
        store.audit().record(me.userId(), "token.revoked", "user", id, Map.of("tokenId", tokenId));
        return store.apiTokens().ofUser(id).stream().filter(t -> t.id().equals(tokenId)).map(TokenView::of)
                .findFirst().orElseThrow();
    }

    @GetMapping("/api/teams")
    List<Team> teams() {
        return store.users().teams();
    }

    @PostMapping("/api/teams")
    ResponseEntity<Team> createTeam(@AuthenticationPrincipal SignedIn me, @Valid @RequestBody TeamFields body) {
        Team team = admin.createTeam(me, body.name(), body.managerId());
        return ResponseEntity.created(URI.create("/api/teams/" + team.id())).body(team);
    }

    @PatchMapping("/api/teams/{id}")
    Team renameTeam(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody TeamName body) {
        return admin.renameTeam(me, id, body.name());
    }

    private static void requireSelfOrAdmin(SignedIn me, String userId) {
        if (!me.userId().equals(userId) && me.role() != Role.ADMIN) {
            throw new AccessDeniedException("Only an admin can manage someone else's tokens.");
        }
    }

    private User visibleUser(SignedIn me, String id) {
        Scope scope = store.access().scope(me.viewer());
        if (!scope.all() && !scope.owners().contains(id)) {
            throw new NotFound("user", id);
        }
        return store.users().get(id);
    }

    record UserFields(@NotBlank @Size(max = 200) String name, @NotNull @Size(max = 20) List<@NotBlank @Email String> addresses,
            @NotNull Role role, String teamId, String managerId, @Pattern(regexp = "en|zh-CN") String locale) {
    }

    record UserChanges(@Size(min = 1, max = 200) String name, @Size(max = 20) List<@NotBlank @Email String> addresses,
            Role role, String teamId, String managerId, @Pattern(regexp = "en|zh-CN") String locale) {
    }

    record TokenRequest(@Size(max = 100) String label) {
    }

    record HandOver(@NotBlank String toUserId) {
    }

    record TeamName(@NotBlank @Size(max = 200) String name) {
    }

    record TeamFields(@NotBlank @Size(max = 200) String name, String managerId) {
    }

    /** A token as listed: never its secret or hash. */
    record TokenView(String id, String label, Instant createdAt, Instant revokedAt) {
        static TokenView of(ApiToken token) {
            return new TokenView(token.id(), token.label(), token.createdAt(), token.revokedAt());
        }
    }

    /** The one response that carries a token's secret. */
    record NewToken(String id, String userId, String label, String secret, Instant createdAt) {
    }
}
