package io.genjin.app.customer;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.app.web.Conflict;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.customer.Grade;
import io.genjin.store.customer.Stage;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.events.StageChanged;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import io.genjin.app.web.Patch;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Customer companies: list and search, create, the 360° card, edit, stage, owner and claiming from the public pool. */
@ConditionalOnRole(Roles.API)
@RestController
@RequestMapping("/api/companies")
@Validated
class CompanyApi {
    private final CrmStore store;
    private final VisibleCustomers visible;
    private final CompanyDomains domains;
    private final DomainEvents events;

    CompanyApi(CrmStore store, VisibleCustomers visible, CompanyDomains domains, DomainEvents events) {
        this.store = store;
        this.visible = visible;
        this.domains = domains;
        this.events = events;
    }

    @GetMapping
    List<Company> list(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") @Min(0) int offset,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return store.companies().search(visible.scope(me), q, offset, limit);
    }

    @PostMapping
    ResponseEntity<Company> create(@AuthenticationPrincipal SignedIn me, @Valid @RequestBody NewCompany body) {
        String ownerId = body.ownerId() == null ? me.userId() : body.ownerId();
        visible.requireAssignable(me, ownerId);
        List<String> cleanDomains = domains.checked(body.domains(), null);
        Company created = store.companies().insert(new Company(Ids.newId(), body.name().trim(), null, cleanDomains,
                body.country(), body.industry(), body.grade(), body.stage(), ownerId, body.tags(), false, null, null,
                null, store.clock().instant(), null));
        return ResponseEntity.created(URI.create("/api/companies/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    CompanyCard get(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        Company company = visible.company(me, id);
        List<Contact> contacts = store.contacts().ofCompany(company.id());
        List<Task> open = store.tasks().ofCompany(company.id(), EnumSet.of(TaskStatus.OPEN));
        String ownerName = store.users().find(company.ownerId()).map(u -> u.name()).orElse(null);
        return new CompanyCard(company, ownerName, contacts, open);
    }

    @PatchMapping("/{id}")
    Company update(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody CompanyChanges body) {
        Company company = visible.company(me, id);
        List<String> newDomains = body.domains() == null ? company.domains() : domains.checked(body.domains(), company.id());
        return store.companies().save(company.withDetails(
                Patch.or(body.name(), company.name()), newDomains,
                Patch.or(body.country(), company.country()),
                Patch.or(body.industry(), company.industry()),
                Patch.or(body.grade(), company.grade()),
                Patch.or(body.tags(), company.tags())));
    }

    @PutMapping("/{id}/stage")
    Company stage(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody StageMove body) {
        Company company = visible.company(me, id);
        if (company.stage() == body.stage()) {
            return company;
        }
        Company moved = store.companies().save(company.withStage(body.stage()));
        Instant now = store.clock().instant();
        store.timeline().append(new Activity(Ids.newId(), company.id(), ActivityType.STAGE_CHANGE, now, me.userId(),
                List.of(), company.stage() + " → " + body.stage(), body.note(), null,
                Map.of("from", company.stage().name(), "to", body.stage().name()), now));
        events.publish(new StageChanged(company.id(), null, company.stage(), body.stage(), me.userId(), now));
        return moved;
    }

    @PutMapping("/{id}/owner")
    Company owner(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody OwnerChange body) {
        Company company = visible.company(me, id);
        visible.requireAssignable(me, body.ownerId());
        Company moved = store.companies().save(company.withOwner(body.ownerId()));
        store.audit().record(me.userId(), "company.reowned", "company", company.id(),
                Map.of("from", String.valueOf(company.ownerId()), "to", body.ownerId()));
        return moved;
    }

    /**
     * Takes a customer from the public pool (公海) into the caller's own (私海). The first claim wins:
     * the store updates the owner only while it is still empty, so of two reps claiming at once one
     * gets the customer and the other a 409. Claiming one's own again changes nothing.
     */
    @PostMapping("/{id}/claim")
    Company claim(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        Company company = visible.company(me, id);
        if (me.userId().equals(company.ownerId())) {
            return company;
        }
        if (company.ownerId() != null || !store.companies().claim(company.id(), me.userId())) {
            throw new Conflict("This customer already has an owner; only customers in the public pool can be claimed.");
        }
        store.audit().record(me.userId(), "company.claimed", "company", company.id(), Map.of("from", "pool"));
        return store.companies().get(company.id());
    }

    record NewCompany(@NotBlank @Size(max = 200) String name, @Size(max = 50) List<@NotBlank String> domains,
            String country, String industry, Grade grade, Stage stage, String ownerId, Set<String> tags) {
    }

    record CompanyChanges(@Size(min = 1, max = 200) String name, @Size(max = 50) List<@NotBlank String> domains,
            String country, String industry, Grade grade, Set<String> tags) {
    }

    record StageMove(@NotNull Stage stage, @Size(max = 2000) String note) {
    }

    record OwnerChange(@NotBlank String ownerId) {
    }

    /** The customer 360° card. */
    record CompanyCard(Company company, String ownerName, List<Contact> contacts, List<Task> openTasks) {
    }

    static Conflict domainTaken(String domain) {
        return new Conflict("The domain " + domain + " already belongs to another customer.");
    }
}
