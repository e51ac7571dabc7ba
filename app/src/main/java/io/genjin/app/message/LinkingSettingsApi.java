package io.genjin.app.message;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.NotFound;
import io.genjin.store.linking.LinkMessageToCustomer;
import io.genjin.store.linking.LinkingSettings;
import io.genjin.store.linking.SenderRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Linking settings kept in the store (admin): more internal domains and more platform or service
 * domains, used by every process that links mail (at once here, within seconds elsewhere), the command-line
 * import included; and the
 * "not customer mail" sender rules people set (listed for managers and admins, removable by an
 * admin or by whoever set the rule).
 */
@ConditionalOnRole(Roles.API)
@RestController
@Validated
class LinkingSettingsApi {
    private static final String DOMAIN = "^[A-Za-z0-9.-]{1,253}$";
    private final CrmStore store;
    private final LinkMessageToCustomer linker;

    LinkingSettingsApi(CrmStore store, LinkMessageToCustomer linker) {
        this.store = store;
        this.linker = linker;
    }

    @GetMapping("/api/linking/settings")
    LinkingSettings settings() {
        return store.linkingSettings().get();
    }

    @PutMapping("/api/linking/settings")
    LinkingSettings save(@AuthenticationPrincipal SignedIn me, @Valid @RequestBody Settings body) {
        LinkingSettings saved = store.linkingSettings().save(body.internalDomains(), body.automatedDomains(), me.userId(),
                store.clock().instant());
        store.audit().record(me.userId(), "linking.settings", "linking", "settings",
                java.util.Map.of("internalDomains", String.join(",", saved.internalDomains()),
                        "automatedDomains", String.join(",", saved.automatedDomains())));
        // This process links the next message with them; other processes re-read within seconds.
        linker.forget();
        return saved;
    }

    @GetMapping("/api/linking/rules")
    List<SenderRule> rules() {
        return store.senderRules().all();
    }

    @DeleteMapping("/api/linking/rules/{id}")
    ResponseEntity<Void> removeRule(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        SenderRule rule = store.senderRules().all().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFound("sender rule", id));
        if (!me.viewer().isAdmin() && !me.userId().equals(rule.byUserId())) {
            throw new AccessDeniedException("only an admin or the rule's author may remove it");
        }
        store.senderRules().remove(id);
        linker.forget();
        store.audit().record(me.userId(), "linking.rule.removed", "linking", id, java.util.Map.of("rule", id));
        return ResponseEntity.noContent().build();
    }

    record Settings(@Size(max = 200) List<@Pattern(regexp = DOMAIN) String> internalDomains,
            @Size(max = 2000) List<@Pattern(regexp = DOMAIN) String> automatedDomains) {
    }
}
