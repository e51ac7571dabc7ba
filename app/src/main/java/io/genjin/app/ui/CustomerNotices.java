package io.genjin.app.ui;

import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.conflict.OwnershipConflict;
import io.genjin.store.customer.Company;
import io.genjin.store.linking.DuplicatePair;
import io.genjin.store.linking.FindDuplicateCustomers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * What the customer page's header warns about: other customers this one probably duplicates (only
 * those the viewer sees), and its open ownership conflicts (撞客). Kept beside the customer page
 * rather than in it; a customer the viewer may not see gets nothing here (the page answers 404).
 */
@ControllerAdvice(assignableTypes = CustomerPages.class)
class CustomerNotices {
    private final CrmStore store;
    private final FindDuplicateCustomers duplicates;

    CustomerNotices(CrmStore store, FindDuplicateCustomers duplicates) {
        this.store = store;
        this.duplicates = duplicates;
    }

    /** A suspected duplicate: the other company, and the pair (for the preview link and the reason). */
    record Duplicate(Company other, DuplicatePair pair) {
    }

    /** Notices for the customer page; {@code conflicts} with the claimants' names. */
    record Notices(List<Duplicate> duplicates, List<OwnershipConflict> conflicts, Map<String, String> people) {
        static final Notices NONE = new Notices(List.of(), List.of(), Map.of());
    }

    @ModelAttribute("notices")
    Notices notices(@AuthenticationPrincipal SignedIn me, @PathVariable(required = false) String id) {
        Optional<Company> company = Optional.ofNullable(id).flatMap(store.companies()::findLive)
                .filter(c -> me != null && store.access().canSee(me.viewer(), c));
        if (company.isEmpty()) {
            return Notices.NONE;
        }
        String companyId = company.get().id();
        List<Duplicate> found = duplicates.of(companyId).stream()
                .map(p -> store.companies().find(p.survivorId().equals(companyId) ? p.loserId() : p.survivorId())
                        .filter(c -> store.access().canSee(me.viewer(), c)).map(c -> new Duplicate(c, p)))
                .flatMap(Optional::stream).toList();
        List<OwnershipConflict> open = store.conflicts().openOf(companyId);
        Map<String, String> people = open.isEmpty() ? Map.of()
                : store.users().byIds(open.stream().map(OwnershipConflict::claimantId).distinct().toList()).stream()
                        .collect(java.util.stream.Collectors.toMap(u -> u.id(), u -> u.name(), (a, b) -> a));
        return new Notices(found, open, people);
    }
}
