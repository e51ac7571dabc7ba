package io.genjin.app.followup;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.security.SignedIn;
import io.genjin.followup.notify.Attempt;
import io.genjin.followup.notify.Channel;
import io.genjin.followup.notify.ChannelKind;
import io.genjin.followup.notify.Delivery;
import io.genjin.followup.notify.Notification;
import io.genjin.followup.notify.NotifyStore;
import io.genjin.store.CrmStore;
import io.genjin.store.NotFound;
import io.genjin.store.access.CustomerAccess.Scope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * In-app notifications, the channels they also go to (a user's own, their team's), and the delivery
 * log. A user manages their own channels; a team's are managed by its manager or an admin. URLs and
 * secrets go in and are never shown again: a channel reads back as its kind, name and the URL without
 * its query.
 */
@ConditionalOnRole(Roles.API)
@RestController
@Validated
class NotificationApi {
    private final NotifyStore notifications;
    private final CrmStore store;
    private final VisibleCustomers visible;
    private final ChannelSetup channels;

    NotificationApi(NotifyStore notifications, CrmStore store, VisibleCustomers visible, ChannelSetup channels) {
        this.notifications = notifications;
        this.store = store;
        this.visible = visible;
        this.channels = channels;
    }

    @GetMapping("/api/notifications")
    List<Notification> mine(@AuthenticationPrincipal SignedIn me,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return notifications.notificationsOf(me.userId(), limit);
    }

    @PostMapping("/api/notifications/{id}/read")
    ResponseEntity<Void> read(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        Notification n = notifications.notification(id).filter(x -> x.userId().equals(me.userId()))
                .orElseThrow(() -> new NotFound("notification", id));
        notifications.markRead(me.userId(), n.id(), store.clock().instant());
        return ResponseEntity.noContent().build();
    }

    /** My channels and my team's. */
    @GetMapping("/api/notifications/channels")
    List<ChannelView> channels(@AuthenticationPrincipal SignedIn me) {
        return channels.visible(me).stream().map(ChannelView::of).toList();
    }

    @PostMapping("/api/notifications/channels")
    ResponseEntity<ChannelView> add(@AuthenticationPrincipal SignedIn me, @Valid @RequestBody NewChannel body) {
        Channel channel = channels.add(me, new ChannelSetup.NewChannel(body.scope(), body.scopeId(), body.kind(), body.name(),
                body.address(), body.url(), body.secret()));
        return ResponseEntity.created(URI.create("/api/notifications/channels/" + channel.id())).body(ChannelView.of(channel));
    }

    @DeleteMapping("/api/notifications/channels/{id}")
    ResponseEntity<Void> remove(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        channels.remove(me, id);
        return ResponseEntity.noContent().build();
    }

    /**
     * Sends a test message on the channel at once and answers what came of it: DELIVERED, FAILED (with
     * the platform's own error), REFUSED (the outbound guard or the https rule) or THROTTLED.
     */
    @PostMapping("/api/notifications/channels/{id}/test")
    Attempt test(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        return channels.test(me, id);
    }

    /** The delivery log: an admin's is everyone's, a manager's their team's and reports'. */
    @GetMapping("/api/notifications/deliveries")
    List<Delivery> deliveries(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) Delivery.Status status,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        Scope scope = visible.scope(me);
        return notifications.deliveries(scope.all() ? null : scope.owners(), status, limit);
    }

    /** @param address the email address of an EMAIL channel; for a WEBHOOK, passed on as {@code to} (a phone number) */
    record NewChannel(Channel.Scope scope, String scopeId, @NotNull ChannelKind kind, @Size(max = 100) String name,
            @Size(max = 320) String address, @Size(max = 2000) String url, @Size(max = 500) String secret) {
    }

    /** A channel as the API shows it: no URL query (robot tokens), no secret. */
    record ChannelView(String id, Channel.Scope scope, String scopeId, ChannelKind kind, String name, String address,
            String url, boolean signed, boolean enabled, Instant createdAt) {
        static ChannelView of(Channel c) {
            return new ChannelView(c.id(), c.scope(), c.scopeId(), c.kind(), c.name(), c.address(), c.display(),
                    c.sealedSecret() != null, c.enabled(), c.createdAt());
        }
    }
}
