package io.genjin.app.user;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.app.web.Conflict;
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
import io.genjin.app.web.Patch;
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

    UserApi(CrmStore store) {
        this.store = store;
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
        requireFreeAddresses(body.addresses(), null);
        requireTeam(body.teamId());
        User created = store.users().create(body.name(), body.addresses(), body.role(), body.teamId(), body.managerId(),
                body.locale());
        store.audit().record(me.userId(), "user.created", "user", created.id(), Map.of("role", body.role().name()));
        return ResponseEntity.created(URI.create("/api/users/" + created.id())).body(created);
    }

    @PatchMapping("/api/users/{id}")
    User update(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody UserChanges body) {
        User user = store.users().get(id);
        if (body.addresses() != null) {
            requireFreeAddresses(body.addresses(), id);
        }
        requireTeam(body.teamId());
        User changed = store.users().save(new User(user.id(), Patch.or(body.name(), user.name()),
                Patch.or(body.addresses(), user.addresses()),
                Patch.or(body.role(), user.role()), Patch.or(body.teamId(), user.teamId()),
                Patch.or(body.managerId(), user.managerId()),
                Patch.or(body.locale(), user.locale()), user.createdAt()));
        store.audit().record(me.userId(), "user.changed", "user", id, Map.of("role", changed.role().name()));
        return changed;
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
        if (body.managerId() != null) {
            store.users().get(body.managerId());
        }
        Team team = store.users().createTeam(body.name(), body.managerId());
        store.audit().record(me.userId(), "team.created", "team", team.id(), null);
        return ResponseEntity.created(URI.create("/api/teams/" + team.id())).body(team);
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

    private void requireFreeAddresses(List<String> addresses, String userId) {
        for (String address : addresses) {
            store.users().byAddress(address).filter(u -> !u.id().equals(userId)).ifPresent(u -> {
                throw new Conflict("The address " + address + " already belongs to another user.");
            });
        }
    }

    private void requireTeam(String teamId) {
        if (teamId != null && store.users().team(teamId).isEmpty()) {
            throw new io.genjin.store.Invalid("No team " + teamId + ".");
        }
    }

    record UserFields(@NotBlank @Size(max = 200) String name, @NotNull @Size(max = 20) List<@NotBlank @Email String> addresses,
            @NotNull Role role, String teamId, String managerId, @Pattern(regexp = "en|zh-CN") String locale) {
    }

    record UserChanges(@Size(min = 1, max = 200) String name, @Size(max = 20) List<@NotBlank @Email String> addresses,
            Role role, String teamId, String managerId, @Pattern(regexp = "en|zh-CN") String locale) {
    }

    record TokenRequest(@Size(max = 100) String label) {
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
