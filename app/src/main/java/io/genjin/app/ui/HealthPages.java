package io.genjin.app.ui;

import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.health.HealthViews;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.followup.health.Component;
import io.genjin.followup.health.Health;
import io.genjin.followup.health.HealthPolicy;
import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import java.util.HashMap;
import java.util.List;
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
 * Removing a smart tag from the customer page, and the health settings form: a manager sets their
 * team's weights and threshold; an admin any team's, or the default.
 */
@ConditionalOnRole(Roles.API)
@Controller
class HealthPages {
    private final VisibleCustomers visible;
    private final Health health;
    private final CrmStore store;

    HealthPages(VisibleCustomers visible, Health health, CrmStore store) {
        this.visible = visible;
        this.health = health;
        this.store = store;
    }

    @PostMapping("/customers/{id}/tags/{tag}/remove")
    String removeTag(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @PathVariable String tag,
            RedirectAttributes flash) {
        Company company = visible.company(me, id);
        if (Health.tagKeys().contains(tag) && health.removeTag(company.id(), tag)) {
            flash.addFlashAttribute("done", "health.tagRemoved");
        }
        return "redirect:/customers/" + company.id() + "#health";
    }

    @GetMapping("/settings/health")
    String settings(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String team, Model model) {
        String teamId = teamOf(me, team);
        HealthViews.requireTeam(me, teamId, false);
        model.addAttribute("nav", "settings");
        model.addAttribute("teamId", teamId);
        model.addAttribute("teams", me.role() == Role.ADMIN ? store.users().teams() : List.<Team>of());
        model.addAttribute("policy", health.policy(HealthPolicy.DEFAULT_ID.equals(teamId) ? null : teamId));
        model.addAttribute("components", Component.keys());
        model.addAttribute("canSave", me.role() == Role.ADMIN || !HealthPolicy.DEFAULT_ID.equals(teamId));
        return "health-settings";
    }

    @PostMapping("/settings/health")
    String save(@AuthenticationPrincipal SignedIn me, @RequestParam String team, @RequestParam Map<String, String> form,
            RedirectAttributes flash) {
        HealthViews.requireTeam(me, team, true);
        Map<String, Integer> weights = new HashMap<>();
        try {
            for (String key : Component.keys()) {
                String value = form.get("weight." + key);
                if (value != null && !value.isBlank()) {
                    weights.put(key, Integer.parseInt(value.trim()));
                }
            }
            health.savePolicy(new HealthPolicy(team, weights, number(form.get("threshold")), number(form.get("hysteresis")),
                    number(form.get("paymentDays"))));
            flash.addFlashAttribute("done", "health.settings.saved");
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("problemKey", "health.settings.invalid");
        }
        return "redirect:/settings/health?team=" + team;
    }

    private static Integer number(String value) {
        return value == null || value.isBlank() ? null : Integer.parseInt(value.trim());
    }

    private static String teamOf(SignedIn me, String team) {
        if (team != null && !team.isBlank()) {
            return team;
        }
        return me.role() == Role.MANAGER && me.teamId() != null ? me.teamId() : HealthPolicy.DEFAULT_ID;
    }
}
