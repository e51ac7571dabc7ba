package io.genjin.app.timeline;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
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
import io.genjin.store.task.Task;
import io.genjin.store.timeline.LogActivity;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
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
    private final CrmStore store;
    private final VisibleCustomers visible;
    private final LogActivity logActivity;

    TimelineApi(CrmStore store, VisibleCustomers visible, LogActivity logActivity) {
        this.store = store;
        this.visible = visible;
        this.logActivity = logActivity;
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
    ResponseEntity<Logged> log(@AuthenticationPrincipal SignedIn me, @PathVariable String companyId,
            @Valid @RequestBody NewNote body) {
        Company company = visible.company(me, companyId);
        LogActivity.Logged logged = logActivity.log(company, new LogActivity.Entry(body.type(), body.title(), body.body(),
                body.occurredAt(), body.contactIds(), body.nextStepAt(), body.nextStep()), me.userId());
        return ResponseEntity.created(URI.create("/api/companies/" + company.id() + "/timeline/" + logged.activity().id()))
                .body(new Logged(logged.activity(), logged.followUp()));
    }

    /**
     * @param nextStepAt when to follow up: a task for the caller, due then
     * @param nextStep   what to do then (the task's title)
     */
    record NewNote(ActivityType type, @Size(max = 200) String title, @NotBlank @Size(max = 20_000) String body,
            Instant occurredAt, @Size(max = 20) List<String> contactIds, Instant nextStepAt,
            @Size(max = 300) String nextStep) {
    }

    /** The logged line, its fields at the top level as before, and the follow-up task when one was asked for. */
    record Logged(@JsonUnwrapped Activity activity, Task followUp) {
    }
}
