package io.genjin.app.health;

import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.followup.FollowupConfiguration;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.app.web.Conflict;
import io.genjin.followup.health.Health;
import io.genjin.followup.health.HealthPolicy;
import io.genjin.followup.health.HealthScan;
import io.genjin.store.Invalid;
import io.genjin.store.NotFound;
import io.genjin.store.customer.Company;
import io.genjin.store.user.Role;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customer health: a customer's score, components, tags and trend (whoever sees the customer);
 * removing a smart tag (the same); a team's weights and threshold (its manager, an admin; the default
 * for teams without their own: admins change it, managers read it); recomputing every customer now (admins).
 */
@ConditionalOnRole(Roles.API)
@RestController
class HealthApi {
    private final VisibleCustomers visible;
    private final HealthViews views;
    private final Health health;
    private final FollowupConfiguration.HealthNow now;

    HealthApi(VisibleCustomers visible, HealthViews views, Health health, FollowupConfiguration.HealthNow now) {
        this.visible = visible;
        this.views = views;
        this.health = health;
        this.now = now;
    }

    @GetMapping("/api/companies/{id}/health")
    HealthViews.HealthView get(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        Company company = visible.company(me, id);
        return views.of(company, locale(me)).orElseThrow(() -> new NotFound("company", id));
    }

    /** Idempotent: removing a tag the customer does not carry changes nothing. */
    @DeleteMapping("/api/companies/{id}/tags/{tag}")
    ResponseEntity<Void> removeTag(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @PathVariable String tag) {
        Company company = visible.company(me, id);
        if (!Health.tagKeys().contains(tag)) {
            throw new Invalid("No smart tag " + tag + "; known: " + Health.tagKeys());
        }
        health.removeTag(company.id(), tag);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/health/policies/{teamId}")
    HealthPolicy policy(@AuthenticationPrincipal SignedIn me, @PathVariable String teamId) {
        HealthViews.requireTeam(me, teamId, false);
        return health.policy(HealthPolicy.DEFAULT_ID.equals(teamId) ? null : teamId);
    }

    @PutMapping("/api/health/policies/{teamId}")
    HealthPolicy save(@AuthenticationPrincipal SignedIn me, @PathVariable String teamId, @RequestBody PolicyChange body) {
        HealthViews.requireTeam(me, teamId, true);
        try {
            return health.savePolicy(new HealthPolicy(teamId, body.weights(), body.threshold(), body.hysteresis(),
                    body.paymentDays()));
        } catch (IllegalArgumentException e) {
            throw new Invalid(e.getMessage());
        }
    }

    @PostMapping("/api/health/recompute")
    HealthScan.Report recompute() {
        return now.run().orElseThrow(() -> new Conflict("Customer health is being recomputed on another replica; try again shortly."));
    }

    record PolicyChange(Map<String, Integer> weights, Integer threshold, Integer hysteresis, Integer paymentDays) {
    }

    private static Locale locale(SignedIn me) {
        return io.genjin.followup.Texts.localeOf(me.locale());
    }
}
