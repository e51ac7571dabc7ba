package io.genjin.app.sequence;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.security.SignedIn;
import io.genjin.followup.sequence.EnrollContact;
import io.genjin.followup.sequence.Enrollment;
import io.genjin.followup.sequence.Enrollment.StopReason;
import io.genjin.followup.sequence.Sequence;
import io.genjin.followup.sequence.SequenceStore;
import io.genjin.followup.sequence.SendZones;
import io.genjin.store.Conflicting;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.NotFound;
import io.genjin.store.access.CustomerAccess.Scope;
import io.genjin.store.customer.Contact;
import io.genjin.store.user.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sequences under {@code /api/sequences}. Every signed-in user sees and uses every sequence (they
 * are the team's templates); the one who made it, or an admin, changes it. Enrolling, reading an
 * enrolment and stopping it need the contact's customer to be visible, like everything on a customer.
 */
@ConditionalOnRole(Roles.API)
@RestController
class SequenceApi {
    private final CrmStore crm;
    private final SequenceStore store;
    private final EnrollContact enroll;
    private final VisibleCustomers visible;

    SequenceApi(CrmStore crm, SequenceStore store, EnrollContact enroll, VisibleCustomers visible) {
        this.crm = crm;
        this.store = store;
        this.enroll = enroll;
        this.visible = visible;
    }

    @GetMapping("/api/sequences")
    List<Sequence> list() {
        return store.sequences().all(false);
    }

    @PostMapping("/api/sequences")
    ResponseEntity<Sequence> create(@AuthenticationPrincipal SignedIn me, @Valid @RequestBody SequenceBody body) {
        Sequence saved = store.sequences().save(body.toSequence(Ids.newId(), me.userId(), crm.clock().instant()));
        crm.audit().record(me.userId(), "sequence.created", "sequence", saved.id(), Map.of("name", saved.name()));
        return ResponseEntity.created(URI.create("/api/sequences/" + saved.id())).body(saved);
    }

    @GetMapping("/api/sequences/{id}")
    Sequence get(@PathVariable String id) {
        return sequence(id);
    }

    @PutMapping("/api/sequences/{id}")
    Sequence update(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody SequenceBody body) {
        Sequence current = sequence(id);
        if (!current.ownerId().equals(me.userId()) && me.role() != Role.ADMIN) {
            throw new AccessDeniedException("Only the sequence's author or an admin can change it.");
        }
        Sequence saved = store.sequences().save(body.toSequence(id, current.ownerId(), current.createdAt()));
        crm.audit().record(me.userId(), "sequence.changed", "sequence", id, Map.of("name", saved.name()));
        return saved;
    }

    @PostMapping("/api/sequences/{id}/enrollments")
    ResponseEntity<EnrollmentView> enroll(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
            @Valid @RequestBody EnrollBody body) {
        sequence(id);
        Contact contact = visible.partOf(me, "contact", body.contactId(), crm.contacts().find(body.contactId()),
                Contact::companyId);
        Enrollment e = enroll.enroll(id, contact.id(), body.language(), body.timeZone(), body.variables(), body.startAt(),
                me.userId());
        return ResponseEntity.created(URI.create("/api/sequences/enrollments/" + e.id())).body(EnrollmentView.of(e));
    }

    /** The enrolments in this sequence whose customers the caller can see. */
    @GetMapping("/api/sequences/{id}/enrollments")
    List<EnrollmentView> enrollments(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        sequence(id);
        Scope scope = visible.scope(me);
        return store.enrollments().ofSequence(id, scope.all() ? null : scope.owners()).stream()
                .map(EnrollmentView::of).toList();
    }

    @GetMapping("/api/sequences/enrollments/{enrollmentId}")
    EnrollmentView enrollment(@AuthenticationPrincipal SignedIn me, @PathVariable String enrollmentId) {
        return EnrollmentView.of(visibleEnrollment(me, enrollmentId));
    }

    @PostMapping("/api/sequences/enrollments/{enrollmentId}/stop")
    EnrollmentView stop(@AuthenticationPrincipal SignedIn me, @PathVariable String enrollmentId) {
        Enrollment e = visibleEnrollment(me, enrollmentId);
        store.enrollments().stop(e.id(), StopReason.MANUAL, "stopped by " + me.name());
        return EnrollmentView.of(store.enrollments().find(e.id()).orElseThrow());
    }

    /** Holds an active enrolment: nothing is sent until it is resumed; replies and bounces still stop it. */
    @PostMapping("/api/sequences/enrollments/{enrollmentId}/pause")
    EnrollmentView pause(@AuthenticationPrincipal SignedIn me, @PathVariable String enrollmentId) {
        Enrollment e = visibleEnrollment(me, enrollmentId);
        if (!store.enrollments().pause(e.id(), me.userId())) {
            throw new Conflicting("Only an active enrolment can be paused; this one is " + e.status() + ".");
        }
        crm.audit().record(me.userId(), "enrollment.paused", "enrollment", e.id(), null);
        return EnrollmentView.of(store.enrollments().find(e.id()).orElseThrow());
    }

    @PostMapping("/api/sequences/enrollments/{enrollmentId}/resume")
    EnrollmentView resume(@AuthenticationPrincipal SignedIn me, @PathVariable String enrollmentId) {
        Enrollment e = visibleEnrollment(me, enrollmentId);
        if (!store.enrollments().resume(e.id())) {
            throw new Conflicting("Only a paused enrolment can be resumed; this one is " + e.status() + ".");
        }
        crm.audit().record(me.userId(), "enrollment.resumed", "enrollment", e.id(), null);
        return EnrollmentView.of(store.enrollments().find(e.id()).orElseThrow());
    }

    /** Overrides the time zone sequence mail to a customer or contact is timed in; null removes it. */
    @PutMapping("/api/sequences/time-zones/{kind}/{targetId}")
    Map<String, String> timeZone(@AuthenticationPrincipal SignedIn me, @PathVariable String kind,
            @PathVariable String targetId, @RequestBody ZoneBody body) {
        switch (kind) {
            case "companies" -> visible.company(me, targetId);
            case "contacts" -> visible.partOf(me, "contact", targetId, crm.contacts().find(targetId), Contact::companyId);
            default -> throw new NotFound("time zone target", kind);
        }
        String zone = body == null || body.timeZone() == null || body.timeZone().isBlank() ? null
                : SendZones.parse(body.timeZone()).getId();
        store.zones().override(kind.equals("companies") ? "company" : "contact", targetId, zone);
        return zone == null ? Map.of() : Map.of("timeZone", zone);
    }

    private Sequence sequence(String id) {
        return store.sequences().find(id).orElseThrow(() -> new NotFound("sequence", id));
    }

    private Enrollment visibleEnrollment(SignedIn me, String id) {
        return visible.partOf(me, "enrollment", id, store.enrollments().find(id), Enrollment::companyId);
    }

    record SequenceBody(@NotBlank @Size(max = 200) String name, @Pattern(regexp = "[a-zA-Z-]{2,10}") String defaultLanguage,
            @NotEmpty @Size(max = 20) List<@Valid StepBody> steps, @Valid WindowBody window, Boolean archived) {

        Sequence toSequence(String id, String ownerId, Instant createdAt) {
            return new Sequence(id, name, ownerId, defaultLanguage, steps.stream().map(StepBody::toStep).toList(),
                    window == null ? null : new Sequence.SendWindow(window.start(), window.end(), window.days()),
                    Boolean.TRUE.equals(archived), createdAt);
        }
    }

    /** {@code delay}: ISO-8601, e.g. "P3D" (3 days after the previous step; the first: after enrolment). */
    record StepBody(@NotNull Duration delay, @NotEmpty @Size(max = 10) List<@Valid VariantBody> variants) {
        Sequence.Step toStep() {
            if (delay.isNegative()) {
                throw new io.genjin.store.Invalid("a step's delay cannot be negative");
            }
            return new Sequence.Step(delay, variants.stream().map(v -> new Sequence.Variant(v.language(), v.subject(),
                    v.body())).toList());
        }
    }

    record VariantBody(@Pattern(regexp = "[a-zA-Z-]{2,10}") String language, @NotBlank @Size(max = 500) String subject,
            @NotBlank @Size(max = 50_000) String body) {
    }

    record WindowBody(LocalTime start, LocalTime end, Set<DayOfWeek> days) {
    }

    record EnrollBody(@NotBlank String contactId, String language, String timeZone,
            Map<String, @Size(max = 500) String> variables, Instant startAt) {
    }

    record ZoneBody(String timeZone) {
    }

    /** An enrolment as the API shows it: where it stands and what was sent. */
    record EnrollmentView(String id, String sequenceId, String contactId, String companyId, String ownerId,
            String address, String language, String timeZone, Enrollment.Status status, StopReason stopReason,
            String stopDetail, int nextStep, Instant nextDueAt, String postponedBy, Enrollment.Postponement postponement,
            Instant pausedAt, List<Enrollment.SentStep> sent, Instant createdAt, Instant endedAt) {
        static EnrollmentView of(Enrollment e) {
            return new EnrollmentView(e.id(), e.sequenceId(), e.contactId(), e.companyId(), e.ownerId(), e.address(),
                    e.language(), e.timeZone(), e.status(), e.stopReason(), e.stopDetail(), e.nextStep(), e.dueAt(),
                    e.postponedBy(), e.postponement(), e.pausedAt(), e.sent(), e.createdAt(), e.endedAt());
        }
    }
}
