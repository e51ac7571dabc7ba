package io.genjin.app.ui;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.app.user.UserAdmin;
import io.genjin.app.web.Conflict;
import io.genjin.app.web.Refusal;
import io.genjin.store.CrmStore;
import io.genjin.store.access.CustomerAccess.Scope;
import io.genjin.store.user.IssuedToken;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import io.genjin.store.user.User;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → users and teams. An admin sees everyone and every team and changes them (through
 * {@link UserAdmin}, as the API does); a manager reads the people of their own team; a rep gets the
 * 403 page.
 */
@ConditionalOnRole(Roles.API)
@Controller
class UsersPage {
    private final CrmStore store;
    private final UserAdmin admin;

    UsersPage(CrmStore store, UserAdmin admin) {
        this.store = store;
        this.admin = admin;
    }

    /** The new-user form, kept as typed when refused. */
    record NewUserForm(String name, String address, String role, String teamId, String locale) {
    }

    @GetMapping("/settings/users")
    String page(@AuthenticationPrincipal SignedIn me, Model model) {
        if (me.role() == Role.REP) {
            throw new AccessDeniedException("Users and teams are for managers and admins.");
        }
        boolean isAdmin = me.role() == Role.ADMIN;
        Scope scope = store.access().scope(me.viewer());
        List<User> users = (scope.all() ? store.users().all() : store.users().byIds(scope.owners())).stream()
                .sorted(Comparator.comparing(User::active).reversed().thenComparing(User::name)).toList();
        List<Team> teams = store.users().teams().stream()
                .filter(t -> isAdmin || t.id().equals(me.teamId()) || me.userId().equals(t.managerId()))
                .sorted(Comparator.comparing(Team::name)).toList();
        Map<String, String> teamNames = new HashMap<>();
        store.users().teams().forEach(t -> teamNames.put(t.id(), t.name()));
        Map<String, Long> customers = new HashMap<>();
        if (isAdmin) {
            users.stream().filter(u -> !u.active()).forEach(u -> customers.put(u.id(), admin.customersOf(u.id())));
        }
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new NewUserForm(null, null, "REP", null, "zh-CN"));
        }
        model.addAttribute("nav", "settings");
        model.addAttribute("isAdmin", isAdmin);
        model.addAttribute("users", users);
        model.addAttribute("activeUsers", users.stream().filter(User::active).toList());
        model.addAttribute("teams", teams);
        model.addAttribute("teamNames", teamNames);
        model.addAttribute("customers", customers);
        model.addAttribute("roles", Role.values());
        return "users";
    }

    @PostMapping("/settings/users")
    String create(@AuthenticationPrincipal SignedIn me, @ModelAttribute("form") NewUserForm form, Model model,
            RedirectAttributes flash) {
        String address = new FormText(form.address()).orNull();
        return attempt(me, model, address, () -> {
            User user = admin.create(me, new FormText(form.name()).orNull(), address == null ? List.of() : List.of(address),
                    role(form.role()), new FormText(form.teamId()).orNull(), null, "en".equals(form.locale()) ? "en" : "zh-CN");
            IssuedToken token = store.apiTokens().issue(user.id(), "sign-in");
            store.audit().record(me.userId(), "token.issued", "user", user.id(), Map.of("tokenId", token.token().id()));
            flash.addFlashAttribute("done", "users.created");
            flash.addFlashAttribute("issuedFor", user.name());
            flash.addFlashAttribute("issued", token.secret());
            return "redirect:/settings/users";
        });
    }

    @PostMapping("/settings/users/{id}")
    String change(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam String role,
            @RequestParam(required = false) String teamId, Model model, RedirectAttributes flash) {
        return attempt(me, model, null, () -> {
            admin.setRoleAndTeam(me, id, role(role), new FormText(teamId).orNull());
            flash.addFlashAttribute("done", "users.changed");
            return "redirect:/settings/users";
        });
    }

    @PostMapping("/settings/users/{id}/{action:deactivate|reactivate}")
    String activation(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @PathVariable String action,
            Model model, RedirectAttributes flash) {
        return attempt(me, model, null, () -> {
            if (action.equals("deactivate")) {
                admin.deactivate(me, id);
            } else {
                admin.reactivate(me, id);
            }
            flash.addFlashAttribute("done", "users." + action + "d");
            return "redirect:/settings/users";
        });
    }

    @PostMapping("/settings/users/{id}/hand-over")
    String handOver(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam String toUserId, Model model,
            RedirectAttributes flash) {
        return attempt(me, model, null, () -> {
            int moved = admin.handOver(me, id, toUserId);
            flash.addFlashAttribute("done", "users.handedOver");
            flash.addFlashAttribute("doneArg", Integer.toString(moved));
            return "redirect:/settings/users";
        });
    }

    /** A new sign-in token for someone (who lost theirs); shown once. */
    @PostMapping("/settings/users/{id}/token")
    String token(@AuthenticationPrincipal SignedIn me, @PathVariable String id, RedirectAttributes flash) {
        if (me.role() != Role.ADMIN) {
            throw new AccessDeniedException("Only an admin issues tokens for someone else.");
        }
        User user = store.users().get(id);
        IssuedToken token = store.apiTokens().issue(user.id(), "sign-in");
        store.audit().record(me.userId(), "token.issued", "user", user.id(), Map.of("tokenId", token.token().id()));
        flash.addFlashAttribute("issuedFor", user.name());
        flash.addFlashAttribute("issued", token.secret());
        return "redirect:/settings/users";
    }

    @PostMapping("/settings/teams")
    String createTeam(@AuthenticationPrincipal SignedIn me, @RequestParam String name,
            @RequestParam(required = false) String managerId, Model model, RedirectAttributes flash) {
        return attempt(me, model, null, () -> {
            admin.createTeam(me, new FormText(name).orNull(), new FormText(managerId).orNull());
            flash.addFlashAttribute("done", "teams.created");
            return "redirect:/settings/users";
        });
    }

    @PostMapping("/settings/teams/{id}")
    String renameTeam(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam String name, Model model,
            RedirectAttributes flash) {
        return attempt(me, model, null, () -> {
            admin.renameTeam(me, id, new FormText(name).orNull());
            flash.addFlashAttribute("done", "teams.renamed");
            return "redirect:/settings/users";
        });
    }

    /** Runs the change; a rule the admin can fix shows on the page, the form as typed. */
    private String attempt(SignedIn me, Model model, String address, Supplier<String> change) {
        try {
            return change.get();
        } catch (Refusal refused) {
            model.addAttribute("problemKey", refused.key());
            model.addAttribute("problemArg", refused.arg());
        } catch (Conflict taken) {
            model.addAttribute("problemKey", "users.error.addressTaken");
            model.addAttribute("problemArg", address);
        }
        return page(me, model);
    }

    private static Role role(String value) {
        try {
            return Role.valueOf(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Refusal("users.error.role", null, "Choose a role.");
        }
    }
}
