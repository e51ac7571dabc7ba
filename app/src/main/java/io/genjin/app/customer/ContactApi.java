package io.genjin.app.customer;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.app.web.Conflict;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import io.genjin.app.web.Patch;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Contacts of a customer. An address belongs to one live contact only. */
@ConditionalOnRole(Roles.API)
@RestController
class ContactApi {
    private final CrmStore store;
    private final VisibleCustomers visible;

    ContactApi(CrmStore store, VisibleCustomers visible) {
        this.store = store;
        this.visible = visible;
    }

    @GetMapping("/api/companies/{companyId}/contacts")
    List<Contact> list(@AuthenticationPrincipal SignedIn me, @PathVariable String companyId) {
        return store.contacts().ofCompany(visible.company(me, companyId).id());
    }

    @PostMapping("/api/companies/{companyId}/contacts")
    ResponseEntity<Contact> create(@AuthenticationPrincipal SignedIn me, @PathVariable String companyId,
            @Valid @RequestBody ContactFields body) {
        Company company = visible.company(me, companyId);
        if (body.addresses() == null || body.addresses().isEmpty()) {
            throw new io.genjin.store.Invalid("A contact needs at least one email address.");
        }
        requireFree(body.addresses(), null);
        Contact created = store.contacts().insert(new Contact(Ids.newId(), body.name(), body.addresses(), body.phones(),
                body.title(), company.id(), company.ownerId(), false, null, store.clock().instant()));
        return ResponseEntity.created(URI.create("/api/contacts/" + created.id())).body(created);
    }

    @GetMapping("/api/contacts/{id}")
    Contact get(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        return visibleContact(me, id);
    }

    @PatchMapping("/api/contacts/{id}")
    Contact update(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody ContactFields body) {
        Contact contact = visibleContact(me, id);
        if (body.addresses() != null) {
            requireFree(body.addresses(), contact.id());
        }
        return store.contacts().save(new Contact(contact.id(), Patch.or(body.name(), contact.name()),
                Patch.or(body.addresses(), contact.addresses()),
                Patch.or(body.phones(), contact.phones()),
                Patch.or(body.title(), contact.title()), contact.companyId(), contact.ownerId(),
                body.left() == null ? contact.left() : body.left(), contact.mergedInto(), contact.createdAt()));
    }

    private Contact visibleContact(SignedIn me, String id) {
        return visible.partOf(me, "contact", id, store.contacts().find(id).filter(c -> c.mergedInto() == null),
                Contact::companyId);
    }

    private void requireFree(List<String> addresses, String contactId) {
        for (String address : addresses) {
            store.contacts().byAddress(address).filter(c -> !c.id().equals(contactId)).ifPresent(c -> {
                throw new Conflict("The address " + address + " already belongs to another contact.");
            });
        }
    }

    record ContactFields(@Size(max = 200) String name, @Size(max = 20) List<@NotEmpty @Email String> addresses,
            @Size(max = 20) List<String> phones, @Size(max = 200) String title, Boolean left) {
    }
}
