package io.genjin.app.tracking;

import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.app.web.Conflict;
import io.genjin.store.NotFound;
import io.genjin.store.user.Role;
import io.genjin.tracking.InstrumentRequest;
import io.genjin.tracking.InstrumentedMessage;
import io.genjin.tracking.MessageTracking;
import io.genjin.tracking.Tracking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Instrumenting outbound mail over HTTP (for senders outside this process: the Outlook add-in, an
 * external relay), and what tracking saw of a message. A salesperson instruments their own mail; a
 * manager also their team's; an admin anyone's. A message is visible like its customer.
 */
@ConditionalOnRole(Roles.API)
@RestController
class TrackingApi {
    private final Tracking tracking;
    private final VisibleCustomers visible;

    TrackingApi(Tracking tracking, VisibleCustomers visible) {
        this.tracking = tracking;
        this.visible = visible;
    }

    @PostMapping("/api/tracking/instrument")
    ResponseEntity<InstrumentedMessage> instrument(@AuthenticationPrincipal SignedIn me, @Valid @RequestBody InstrumentBody body) {
        String owner = body.ownerId() == null ? me.userId() : body.ownerId();
        visible.requireAssignable(me, owner);
        if (body.companyId() != null) {
            visible.company(me, body.companyId());
        }
        InstrumentedMessage result;
        try {
            // Without a companyId the customer is found from the recipients' contacts, and only among
            // the caller's customers: another team's would get intent tasks for mail it never saw.
            result = tracking.instrument(new InstrumentRequest(body.messageId(), owner, body.senderAddress(), body.companyId(),
                    Boolean.TRUE.equals(body.quote()), body.subject(), body.html(), body.text(), body.recipients(), body.sentAt()),
                    companyId -> canSee(me, companyId));
        } catch (Tracking.AlreadyInstrumented e) {
            throw new Conflict(e.getMessage());
        }
        if (result.companyId() != null && !canSee(me, result.companyId())) {
            // Instrumented before by someone who may see the customer (the same Message-ID): do not name it.
            result = new InstrumentedMessage(result.trackedId(), result.messageId(), null, result.created(), result.links(),
                    result.recipients(), result.senderCopy());
        }
        return result.created()
                ? ResponseEntity.created(URI.create("/api/tracking/messages/" + result.trackedId())).body(result)
                : ResponseEntity.ok(result);
    }

    @GetMapping("/api/tracking/messages/{id}")
    MessageTracking message(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
            @RequestParam(defaultValue = "50") int hits) {
        MessageTracking message = tracking.message(id, Math.max(0, Math.min(hits, 500)))
                .orElseThrow(() -> new NotFound("tracked message", id));
        boolean mine = me.userId().equals(message.ownerId()) || me.role() == Role.ADMIN;
        if (!mine && (message.companyId() == null || !canSee(me, message.companyId()))) {
            throw new NotFound("tracked message", id);
        }
        return message;
    }

    private boolean canSee(SignedIn me, String companyId) {
        try {
            visible.company(me, companyId);
            return true;
        } catch (NotFound hidden) {
            return false;
        }
    }

    /** Hard bounds on what is parsed at all; the configured {@code genjin.tracking.instrument.*} limits are lower. */
    record InstrumentBody(@NotBlank @Size(max = 998) String messageId, String ownerId, @Email String senderAddress,
            String companyId, Boolean quote, @Size(max = 998) String subject, @Size(max = 5_000_000) String html,
            @Size(max = 5_000_000) String text, @NotEmpty @Size(max = 1000) List<@NotBlank @Email String> recipients,
            Instant sentAt) {
    }
}
