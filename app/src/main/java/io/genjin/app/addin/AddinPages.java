package io.genjin.app.addin;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.user.IssuedToken;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The add-in's pages: the task pane, the send handler's function file, and the sign-in dialog.
 * The two Office pages are rendered (not served as files) only because office.js has to be named in
 * their head by its real address: it loads the rest of itself from beside that address, so neither a
 * redirect nor a script that adds it later would do. Their scripts and styles are files under
 * {@code /addin/}.
 */
@ConditionalOnRole(Roles.API)
@Controller
class AddinPages {
    static final String TOKEN_LABEL = "Outlook add-in";

    private final AddinProperties settings;
    private final CrmStore store;

    AddinPages(AddinProperties settings, CrmStore store) {
        this.settings = settings;
        this.store = store;
    }

    @GetMapping("/addin/taskpane.html")
    String taskPane(Model model, jakarta.servlet.http.HttpServletResponse response) {
        return office(model, response, "addin/taskpane");
    }

    @GetMapping("/addin/commands.html")
    String commands(Model model, jakarta.servlet.http.HttpServletResponse response) {
        return office(model, response, "addin/commands");
    }

    /**
     * Opened by the task pane in an Office dialog where nested app authentication is missing. Needs
     * a web session like every page: without one, the sign-in form comes first and, once it
     * succeeds, brings the user back here (Spring Security's saved request, this server's own
     * address only, so no open redirect). The user confirms, and the next page hands a new personal
     * token to the task pane.
     */
    @GetMapping("/addin/signin")
    String signIn(@AuthenticationPrincipal SignedIn me, Model model, jakarta.servlet.http.HttpServletResponse response) {
        model.addAttribute("me", me);
        return office(model, response, "addin/signin");
    }

    @PostMapping("/addin/signin")
    String issue(@AuthenticationPrincipal SignedIn me, Model model, jakarta.servlet.http.HttpServletResponse response) {
        IssuedToken issued = store.apiTokens().issue(me.userId(), TOKEN_LABEL);
        store.audit().record(me.userId(), "token.issued", "user", me.userId(),
                Map.of("tokenId", issued.token().id(), "for", "outlook-addin"));
        model.addAttribute("me", me);
        model.addAttribute("issued", issued.secret());
        String view = office(model, response, "addin/signin");
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        return view;
    }

    private String office(Model model, jakarta.servlet.http.HttpServletResponse response, String view) {
        model.addAttribute("officeJs", officeJs());
        // The pane is cached by Outlook's web view for days otherwise; a new release must reach it.
        response.setHeader("Cache-Control", CacheControl.noCache().getHeaderValue());
        return view;
    }

    /** The configured office.js, else Microsoft's (or 21Vianet's) CDN, the only place Microsoft supports loading it from. */
    String officeJs() {
        return settings.officeJs().toString();
    }
}
