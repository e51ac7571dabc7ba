package io.genjin.app.followup;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.security.SignedIn;
import io.genjin.followup.Texts;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.events.SampleShipped;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Recording samples sent to a customer: a line on the timeline, and a reminder around their arrival. */
@ConditionalOnRole(Roles.API)
@RestController
class SampleApi {
    private final CrmStore store;
    private final VisibleCustomers visible;
    private final DomainEvents events;
    private final Texts texts;

    SampleApi(CrmStore store, VisibleCustomers visible, DomainEvents events, Texts texts) {
        this.store = store;
        this.visible = visible;
        this.events = events;
        this.texts = texts;
    }

    @PostMapping("/api/companies/{companyId}/samples")
    ResponseEntity<Activity> shipped(@AuthenticationPrincipal SignedIn me, @PathVariable String companyId,
            @Valid @RequestBody Shipment body) {
        Company company = visible.company(me, companyId);
        Instant now = store.clock().instant();
        Instant shippedAt = body.shippedAt() == null ? now : body.shippedAt();
        if (shippedAt.isAfter(now.plusSeconds(300))) {
            throw new io.genjin.store.Invalid("shippedAt is in the future.");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("kind", "sample");
        if (body.carrier() != null) {
            attributes.put("carrier", body.carrier());
        }
        if (body.trackingNumber() != null) {
            attributes.put("trackingNumber", body.trackingNumber());
        }
        if (body.expectedArrival() != null) {
            attributes.put("expectedArrival", body.expectedArrival().toString());
        }
        String id = Ids.newId();
        Activity activity = store.timeline().append(new Activity(id, company.id(), ActivityType.NOTE, shippedAt, me.userId(),
                body.contactIds(), texts.text("followup.sample.title", Texts.localeOf(me.locale())), body.description(),
                "sample:" + id, attributes, now));
        events.publish(new SampleShipped(activity.id(), company.id(), body.description(), body.expectedArrival(), me.userId(),
                shippedAt));
        return ResponseEntity.created(URI.create("/api/companies/" + company.id() + "/timeline/" + id)).body(activity);
    }

    record Shipment(@NotBlank @Size(max = 2000) String description, @Size(max = 100) String carrier,
            @Size(max = 100) String trackingNumber, Instant shippedAt, LocalDate expectedArrival,
            @Size(max = 20) List<String> contactIds) {
    }
}
