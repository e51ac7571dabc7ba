package io.genjin.app.ui;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.user.IssuedToken;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → your API tokens: the ones you have (never their secrets), a new one whose secret is
 * shown once on the next page, and revoking one. The same store as {@code /api/users/{id}/tokens}.
 */
@ConditionalOnRole(Roles.API)
@Controller
class TokensPage {
    private final CrmStore store;

    TokensPage(CrmStore store) {
        this.store = store;
    }

    @GetMapping("/settings/tokens")
    String page(@AuthenticationPrincipal SignedIn me, Model model) {
        model.addAttribute("nav", "settings");
        java.util.List<io.genjin.store.user.ApiToken> tokens = new java.util.ArrayList<>(store.apiTokens().ofUser(me.userId()));
        java.util.Collections.reverse(tokens);
        model.addAttribute("tokens", tokens);
        return "tokens";
    }

    @PostMapping("/settings/tokens")
    String issue(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String label, RedirectAttributes flash) {
        String name = new FormText(label).orNull();
        IssuedToken issued = store.apiTokens().issue(me.userId(), name == null ? "api"
                : name.substring(0, Math.min(100, name.length())));
        store.audit().record(me.userId(), "token.issued", "user", me.userId(), Map.of("tokenId", issued.token().id()));
        flash.addFlashAttribute("issued", issued.secret());
        flash.addFlashAttribute("done", "tokens.issued");
        return "redirect:/settings/tokens";
    }

    @PostMapping("/settings/tokens/{id}/revoke")
    String revoke(@AuthenticationPrincipal SignedIn me, @PathVariable String id, RedirectAttributes flash) {
        if (!store.apiTokens().revoke(me.userId(), id)) {
            throw new io.genjin.store.NotFound("token", id);
        }
        store.audit().record(me.userId(), "token.revoked", "user", me.userId(), Map.of("tokenId", id));
        flash.addFlashAttribute("done", "tokens.revoked");
        return "redirect:/settings/tokens";
    }
}
