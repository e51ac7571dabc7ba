package io.genjin.app.followup;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.security.SignedIn;
import io.genjin.followup.FollowupSettings;
import io.genjin.followup.notify.Channel;
import io.genjin.followup.notify.ChannelKind;
import io.genjin.followup.notify.Delivery;
import io.genjin.followup.notify.Notification;
import io.genjin.followup.notify.NotifyStore;
import io.genjin.store.CrmStore;
import io.genjin.store.NotFound;
import io.genjin.store.access.CustomerAccess.Scope;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
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
    private final FollowupSettings settings;
    private final io.genjin.store.outbound.OutboundGuard guard;

    NotificationApi(NotifyStore notifications, CrmStore store, VisibleCustomers visible, FollowupSettings settings,
            io.genjin.store.outbound.OutboundGuard guard) {
        this.guard = guard;
        this.notifications = notifications;
        this.store = store;
        this.visible = visible;
        this.settings = settings;
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
        List<Channel> found = new ArrayList<>(notifications.channelsOf(Channel.Scope.USER, List.of(me.userId())));
        if (me.teamId() != null) {
            found.addAll(notifications.channelsOf(Channel.Scope.TEAM, List.of(me.teamId())));
        }
        return found.stream().map(ChannelView::of).toList();
    }

    @PostMapping("/api/notifications/channels")
    ResponseEntity<ChannelView> add(@AuthenticationPrincipal SignedIn me, @Valid @RequestBody NewChannel body) {
        Channel.Scope scope = body.scope() == null ? Channel.Scope.USER : body.scope();
        String scopeId = body.scopeId() != null ? body.scopeId() : scope == Channel.Scope.USER ? me.userId() : me.teamId();
        requireManageable(me, scope, scopeId);
        if (body.kind() == ChannelKind.EMAIL) {
            if (body.address() == null || !body.address().trim().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw new io.genjin.store.Invalid("An email channel needs an email address.");
            }
        } else {
            checkUrl(body.url());
        }
        Channel channel = notifications.addChannel(scope, scopeId, body.kind(), body.name(),
                body.address() == null ? null : body.address().trim().toLowerCase(Locale.ROOT),
                body.kind() == ChannelKind.EMAIL ? null : body.url().trim(), body.secret(), me.userId(),
                store.clock().instant());
        return ResponseEntity.created(URI.create("/api/notifications/channels/" + channel.id())).body(ChannelView.of(channel));
    }

    @DeleteMapping("/api/notifications/channels/{id}")
    ResponseEntity<Void> remove(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        Channel channel = notifications.channel(id).orElseThrow(() -> new NotFound("notification channel", id));
        if (!canSee(me, channel)) {
            throw new NotFound("notification channel", id);
        }
        requireManageable(me, channel.scope(), channel.scopeId());
        notifications.removeChannel(id);
        return ResponseEntity.noContent().build();
    }

    /** The delivery log: an admin's is everyone's, a manager's their team's and reports'. */
    @GetMapping("/api/notifications/deliveries")
    List<Delivery> deliveries(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) Delivery.Status status,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        Scope scope = visible.scope(me);
        return notifications.deliveries(scope.all() ? null : scope.owners(), status, limit);
    }

    private boolean canSee(SignedIn me, Channel channel) {
        return me.role() == Role.ADMIN || channel.scope() == Channel.Scope.USER && channel.scopeId().equals(me.userId())
                || channel.scope() == Channel.Scope.TEAM && channel.scopeId().equals(me.teamId());
    }

    private void requireManageable(SignedIn me, Channel.Scope scope, String scopeId) {
        if (scopeId == null) {
            throw new io.genjin.store.Invalid("Say whose channel this is: scopeId (you are in no team).");
        }
        if (me.role() == Role.ADMIN) {
            if (scope == Channel.Scope.USER) {
                store.users().get(scopeId);
            } else if (store.users().team(scopeId).isEmpty()) {
                throw new NotFound("team", scopeId);
            }
            return;
        }
        boolean allowed = scope == Channel.Scope.USER ? scopeId.equals(me.userId())
                : me.role() == Role.MANAGER && (scopeId.equals(me.teamId())
                        || store.users().team(scopeId).map(Team::managerId).filter(me.userId()::equals).isPresent());
        if (!allowed) {
            throw new AccessDeniedException(scope == Channel.Scope.USER ? "You can set up only your own channels."
                    : "Only the team's manager or an admin sets up a team's channels.");
        }
    }

    private void checkUrl(String url) {
        URI uri;
        try {
            uri = url == null ? null : URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new io.genjin.store.Invalid("The webhook URL is not a URL.");
        }
        if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme())
                || "http".equals(uri.getScheme()) && settings.notifications().allowHttp())) {
            throw new io.genjin.store.Invalid(settings.notifications().allowHttp() ? "The webhook URL must be http(s)://…"
                    : "The webhook URL must be https://… (plain http would send the robot's token in clear).");
        }
        // Told now rather than at the first delivery; the dispatcher checks again before each attempt.
        try {
            guard.check(uri);
        } catch (io.genjin.store.outbound.OutboundGuard.Refused e) {
            if (e.unresolved()) {
                return; // DNS may come later; the dispatcher checks before every attempt
            }
            throw new io.genjin.store.Invalid("Genjin does not send to " + uri.getHost() + " (" + e.reason()
                    + "); an admin can allow its network in genjin.outbound.allowed-networks.");
        }
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
