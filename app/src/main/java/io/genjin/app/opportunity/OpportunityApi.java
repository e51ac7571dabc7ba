package io.genjin.app.opportunity;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Stage;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.events.StageChanged;
import io.genjin.store.opportunity.Opportunity;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import io.genjin.app.web.Patch;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Deals with a customer; every stage move is kept in the deal's history and on the timeline. */
@ConditionalOnRole(Roles.API)
@RestController
class OpportunityApi {
    private final CrmStore store;
    private final VisibleCustomers visible;
    private final DomainEvents events;

    OpportunityApi(CrmStore store, VisibleCustomers visible, DomainEvents events) {
        this.store = store;
        this.visible = visible;
        this.events = events;
    }

    @GetMapping("/api/companies/{companyId}/opportunities")
    List<Opportunity> list(@AuthenticationPrincipal SignedIn me, @PathVariable String companyId) {
        return store.opportunities().ofCompany(visible.company(me, companyId).id());
    }

    @PostMapping("/api/companies/{companyId}/opportunities")
    ResponseEntity<Opportunity> create(@AuthenticationPrincipal SignedIn me, @PathVariable String companyId,
            @Valid @RequestBody NewOpportunity body) {
        Company company = visible.company(me, companyId);
        Instant now = store.clock().instant();
        Opportunity created = store.opportunities().insert(new Opportunity(Ids.newId(), company.id(), body.name(),
                body.stage(), body.amount(), currency(body.currency()), body.expectedClose(), company.ownerId(), List.of(),
                now, now, null));
        return ResponseEntity.created(URI.create("/api/opportunities/" + created.id())).body(created);
    }

    @GetMapping("/api/opportunities/{id}")
    Opportunity get(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        return visibleOpportunity(me, id);
    }

    @PatchMapping("/api/opportunities/{id}")
    Opportunity update(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
            @Valid @RequestBody OpportunityChanges body) {
        Opportunity current = visibleOpportunity(me, id);
        Instant now = store.clock().instant();
        Opportunity changed = current.withTerms(Patch.or(body.name(), current.name()),
                Patch.or(body.amount(), current.amount()),
                body.currency() == null ? current.currency() : currency(body.currency()),
                Patch.or(body.expectedClose(), current.expectedClose()), now);
        if (body.stage() != null && body.stage() != current.stage()) {
            changed = changed.movedTo(body.stage(), me.userId(), now);
            store.timeline().append(new Activity(Ids.newId(), current.companyId(), ActivityType.STAGE_CHANGE, now,
                    me.userId(), List.of(), current.name() + ": " + current.stage() + " → " + body.stage(), null, null,
                    Map.of("opportunityId", current.id(), "from", current.stage().name(), "to", body.stage().name()), now));
        }
        Opportunity saved = store.opportunities().save(changed);
        if (saved.stage() != current.stage()) {
            events.publish(new StageChanged(current.companyId(), current.id(), current.stage(), saved.stage(), me.userId(), now));
        }
        return saved;
    }

    private Opportunity visibleOpportunity(SignedIn me, String id) {
        return visible.partOf(me, "opportunity", id, store.opportunities().find(id), Opportunity::companyId);
    }

    private static String currency(String code) {
        return code == null ? "USD" : code.toUpperCase(java.util.Locale.ROOT);
    }

    record NewOpportunity(@NotBlank @Size(max = 200) String name, Stage stage, @DecimalMin("0") BigDecimal amount,
            @Pattern(regexp = "[A-Za-z]{3}") String currency, LocalDate expectedClose) {
    }

    record OpportunityChanges(@Size(min = 1, max = 200) String name, Stage stage, @DecimalMin("0") BigDecimal amount,
            @Pattern(regexp = "[A-Za-z]{3}") String currency, LocalDate expectedClose) {
    }
}
