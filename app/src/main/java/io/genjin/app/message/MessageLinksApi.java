package io.genjin.app.message;

import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.linking.CorrectMessageLinks;
import io.genjin.store.linking.CorrectMessageLinks.Always;
import io.genjin.store.message.StoredMessage;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stored message with the customers it is on and why, the messages held back from every timeline
 * with their reasons, and a person's corrections: move to another customer, also belongs to one,
 * not customer mail (this message, or always for its sender or domain).
 */
@ConditionalOnRole(Roles.API)
@RestController
@Validated
class MessageLinksApi {
    private final CrmStore store;
    private final VisibleMessages messages;
    private final VisibleCustomers customers;
    private final CorrectMessageLinks correct;

    MessageLinksApi(CrmStore store, VisibleMessages messages, VisibleCustomers customers, CorrectMessageLinks correct) {
        this.store = store;
        this.messages = messages;
        this.customers = customers;
        this.correct = correct;
    }

    @GetMapping("/api/messages/{id}")
    StoredMessage message(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        return messages.message(me, id);
    }

    /** Held back from every timeline (bulk, automated, internal, free-mail strangers, people's rules), newest first. */
    @GetMapping("/api/messages/held")
    List<StoredMessage> held(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "0") @Min(0) int offset,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return store.messages().held(messages.mailboxOwners(me), offset, size);
    }

    @PostMapping("/api/messages/{id}/move")
    StoredMessage move(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody Move body) {
        StoredMessage message = messages.message(me, id);
        customers.company(me, body.fromCompanyId());
        customers.company(me, body.toCompanyId());
        return correct.move(message.id(), body.fromCompanyId(), body.toCompanyId(), me.userId(), body.reason(),
                Boolean.TRUE.equals(body.teach()));
    }

    @PostMapping("/api/messages/{id}/companies")
    StoredMessage alsoBelongsTo(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody AlsoLink body) {
        StoredMessage message = messages.message(me, id);
        customers.company(me, body.companyId());
        return correct.alsoBelongsTo(message.id(), body.companyId(), me.userId(), body.reason());
    }

    @PostMapping("/api/messages/{id}/not-customer")
    StoredMessage notCustomer(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody NotCustomer body) {
        StoredMessage message = messages.message(me, id);
        message.companyIds().forEach(companyId -> customers.company(me, companyId));
        return correct.notCustomerMail(message.id(), me.userId(), body.reason(), body.always() == null ? Always.MESSAGE : body.always());
    }

    /** @param teach the outside party becomes the new customer's contact, so their next mail goes there too */
    record Move(@NotBlank String fromCompanyId, @NotBlank String toCompanyId, @Size(max = 500) String reason, Boolean teach) {
    }

    record AlsoLink(@NotBlank String companyId, @Size(max = 500) String reason) {
    }

    record NotCustomer(@Size(max = 500) String reason, Always always) {
    }
}
