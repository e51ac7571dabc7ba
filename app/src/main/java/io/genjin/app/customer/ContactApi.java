package io.genjin.app.customer;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.customer.Contact;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
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
    private final SaveContact save;

    ContactApi(CrmStore store, VisibleCustomers visible, SaveContact save) {
        this.store = store;
        this.visible = visible;
        this.save = save;
    }

    @GetMapping("/api/companies/{companyId}/contacts")
    List<Contact> list(@AuthenticationPrincipal SignedIn me, @PathVariable String companyId) {
        return store.contacts().ofCompany(visible.company(me, companyId).id());
    }

    @PostMapping("/api/companies/{companyId}/contacts")
    ResponseEntity<Contact> create(@AuthenticationPrincipal SignedIn me, @PathVariable String companyId,
            @Valid @RequestBody ContactFields body) {
        Contact created = save.add(visible.company(me, companyId), body.fields());
        return ResponseEntity.created(URI.create("/api/contacts/" + created.id())).body(created);
    }

    @GetMapping("/api/contacts/{id}")
    Contact get(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        return visibleContact(me, id);
    }

    @PatchMapping("/api/contacts/{id}")
    Contact update(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody ContactFields body) {
        return save.edit(visibleContact(me, id), body.fields());
    }

    private Contact visibleContact(SignedIn me, String id) {
        return visible.contact(me, id);
    }

    record ContactFields(@Size(max = 200) String name, @Size(max = 20) List<@NotEmpty @Email String> addresses,
            @Size(max = 20) List<String> phones, @Size(max = 200) String title, @Size(max = 100) String whatsApp,
            @Size(max = 100) String weChat, Boolean left) {

        SaveContact.Fields fields() {
            return new SaveContact.Fields(name, addresses, phones, title, whatsApp, weChat, left);
        }
    }
}
