package io.genjin.app.followup;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.contract.Contract;
import io.genjin.store.contract.Contracts;
import io.genjin.store.customer.Company;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A customer's contracts and agreements; their end dates drive the 90/60/30-day renewal reminders. */
@ConditionalOnRole(Roles.API)
@RestController
class ContractApi {
    private final CrmStore store;
    private final Contracts contracts;
    private final VisibleCustomers visible;

    ContractApi(CrmStore store, Contracts contracts, VisibleCustomers visible) {
        this.store = store;
        this.contracts = contracts;
        this.visible = visible;
    }

    @GetMapping("/api/companies/{companyId}/contracts")
    List<Contract> list(@AuthenticationPrincipal SignedIn me, @PathVariable String companyId) {
        return contracts.ofCompany(visible.company(me, companyId).id());
    }

    @PostMapping("/api/companies/{companyId}/contracts")
    ResponseEntity<Contract> create(@AuthenticationPrincipal SignedIn me, @PathVariable String companyId,
            @Valid @RequestBody NewContract body) {
        Company company = visible.company(me, companyId);
        checkDates(body.startsOn(), body.endsOn());
        Contract created = contracts.insert(new Contract(Ids.newId(), company.id(), body.title().trim(), body.number(),
                body.startsOn(), body.endsOn(), me.userId(), store.clock().instant()));
        return ResponseEntity.created(URI.create("/api/contracts/" + created.id())).body(created);
    }

    /** Renewing is moving the end date: the reminders of the old date close at the next scan. */
    @PatchMapping("/api/contracts/{id}")
    Contract update(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody ContractChanges body) {
        Contract current = visible.partOf(me, "contract", id, contracts.find(id), Contract::companyId);
        LocalDate ends = body.endsOn() == null ? current.endsOn() : body.endsOn();
        checkDates(current.startsOn(), ends);
        return contracts.save(new Contract(current.id(), current.companyId(),
                body.title() == null ? current.title() : body.title().trim(),
                body.number() == null ? current.number() : body.number(), current.startsOn(), ends, current.createdBy(),
                current.createdAt()));
    }

    private static void checkDates(LocalDate starts, LocalDate ends) {
        if (starts != null && ends != null && ends.isBefore(starts)) {
            throw new io.genjin.store.Invalid("endsOn is before startsOn.");
        }
    }

    record NewContract(@NotBlank @Size(max = 200) String title, @Size(max = 100) String number, LocalDate startsOn,
            @NotNull LocalDate endsOn) {
    }

    record ContractChanges(@Size(min = 1, max = 200) String title, @Size(max = 100) String number, LocalDate endsOn) {
    }
}
