package io.genjin.app.customer;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.app.web.Conflict;
import io.genjin.followup.health.HealthMatching;
import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.customer.ArchiveCustomer;
import io.genjin.store.customer.Grade;
import io.genjin.store.customer.MoveCustomerToStage;
import io.genjin.store.customer.ReassignCustomer;
import io.genjin.store.customer.Stage;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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

/** Customer companies: list and search, create, the 360° card, edit and archive, stage, owner and claiming from the public pool. */
@ConditionalOnRole(Roles.API)
@RestController
@RequestMapping("/api/companies")
@Validated
class CompanyApi {
    private final CrmStore store;
    private final VisibleCustomers visible;
    private final CreateCustomer createCustomer;
    private final EditCustomer editCustomer;
    private final MoveCustomerToStage moveToStage;
    private final ReassignCustomer reassign;
    private final ArchiveCustomer archive;
    private final HealthMatching health;

    CompanyApi(CrmStore store, VisibleCustomers visible, CreateCustomer createCustomer, EditCustomer editCustomer,
            MoveCustomerToStage moveToStage, ReassignCustomer reassign, ArchiveCustomer archive, HealthMatching health) {
        this.health = health;
        this.store = store;
        this.visible = visible;
        this.createCustomer = createCustomer;
        this.editCustomer = editCustomer;
        this.moveToStage = moveToStage;
        this.reassign = reassign;
        this.archive = archive;
    }

    /**
     * @param tag         only customers carrying this smart tag
     * @param healthBelow only customers whose health score is below this
     */
    @GetMapping
    List<Company> list(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") @Min(0) int offset,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) @Min(0) @Max(101) Integer healthBelow) {
        if (tag == null && healthBelow == null) {
            return store.companies().search(visible.scope(me), q, offset, limit);
        }
        if (tag != null && !health.smartTags().contains(tag)) {
            throw new io.genjin.store.Invalid("No smart tag " + tag + "; known: " + health.smartTags());
        }
        return HealthFilter.page(store, visible.scope(me), q, false, health.matching(tag, healthBelow), offset, limit);
    }

    @PostMapping
    ResponseEntity<Company> create(@AuthenticationPrincipal SignedIn me, @Valid @RequestBody NewCompany body) {
        Company created = createCustomer.create(me, new CreateCustomer.Fields(body.name(), body.domains(),
                body.country(), body.industry(), body.grade(), body.stage(), body.ownerId(), body.tags()));
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
        Company edited = editCustomer.edit(company, new EditCustomer.Changes(body.name(), body.domains(), body.country(),
                body.industry(), body.grade(), body.tags()));
        if (body.archived() != null) {
            return body.archived() ? archive.archive(edited, me.userId()) : archive.restore(edited, me.userId());
        }
        return edited;
    }

    @PutMapping("/{id}/stage")
    Company stage(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody StageMove body) {
        return moveToStage.move(visible.company(me, id), body.stage(), body.note(), me.userId());
    }

    @PutMapping("/{id}/owner")
    Company owner(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody OwnerChange body) {
        Company company = visible.company(me, id);
        visible.requireAssignable(me, body.ownerId());
        return reassign.to(company, body.ownerId(), me.userId());
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
            String country, String industry, Grade grade, Set<String> tags, Boolean archived) {
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
