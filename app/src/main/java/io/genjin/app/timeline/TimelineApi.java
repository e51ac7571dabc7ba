package io.genjin.app.timeline;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import io.genjin.store.timeline.TimelinePage;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A customer's timeline (newest first, keyset-paged) and the notes, calls and meetings logged by hand. */
@ConditionalOnRole(Roles.API)
@RestController
@Validated
class TimelineApi {
    private static final Set<ActivityType> LOGGABLE = EnumSet.of(ActivityType.NOTE, ActivityType.CALL, ActivityType.MEETING);
    private final CrmStore store;
    private final VisibleCustomers visible;

    TimelineApi(CrmStore store, VisibleCustomers visible) {
        this.store = store;
        this.visible = visible;
    }

    /**
     * @param type   only these kinds of activity (repeatable); all when absent
     * @param cursor the {@code nextCursor} of the previous page
     */
    @GetMapping("/api/companies/{companyId}/timeline")
    TimelinePage timeline(@AuthenticationPrincipal SignedIn me, @PathVariable String companyId,
            @RequestParam(required = false) List<ActivityType> type, @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        Company company = visible.company(me, companyId);
        return store.timeline().page(company.id(), type == null ? Set.of() : EnumSet.copyOf(type), cursor, size);
    }

    @PostMapping("/api/companies/{companyId}/notes")
    ResponseEntity<Activity> log(@AuthenticationPrincipal SignedIn me, @PathVariable String companyId,
            @Valid @RequestBody NewNote body) {
        Company company = visible.company(me, companyId);
        ActivityType type = body.type() == null ? ActivityType.NOTE : body.type();
        if (!LOGGABLE.contains(type)) {
            throw new io.genjin.store.Invalid("Only NOTE, CALL and MEETING can be logged by hand.");
        }
        Instant now = store.clock().instant();
        Instant at = body.occurredAt() == null ? now : body.occurredAt();
        if (at.isAfter(now.plusSeconds(300))) {
            throw new io.genjin.store.Invalid("occurredAt is in the future.");
        }
        String id = Ids.newId();
        Activity saved = store.timeline().append(new Activity(id, company.id(), type, at, me.userId(),
                body.contactIds(), body.title(), body.body(), null, null, now));
        return ResponseEntity.created(URI.create("/api/companies/" + company.id() + "/timeline/" + id)).body(saved);
    }

    record NewNote(ActivityType type, @Size(max = 200) String title, @NotBlank @Size(max = 20_000) String body,
            Instant occurredAt, @Size(max = 20) List<String> contactIds) {
    }
}
