package io.genjin.app.followup;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.followup.FollowupSettings;
import io.genjin.followup.notify.Attempt;
import io.genjin.followup.notify.Channel;
import io.genjin.followup.notify.ChannelKind;
import io.genjin.followup.notify.Dispatcher;
import io.genjin.followup.notify.NotifyStore;
import io.genjin.store.CrmStore;
import io.genjin.app.web.Refusal;
import io.genjin.store.NotFound;
import io.genjin.store.outbound.OutboundGuard;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import io.genjin.store.user.User;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Setting up where notifications go: listing, adding, removing and test-sending channels. A user
 * manages their own; a team's are managed by its manager or an admin. The API and the settings page
 * both call this, so the rules (https only, the outbound guard, who may touch which channel) are
 * checked once.
 */
@ConditionalOnRole(Roles.API)
@Component
public class ChannelSetup {
    private final NotifyStore notifications;
    private final CrmStore store;
    private final FollowupSettings settings;
    private final OutboundGuard guard;
    private final Dispatcher dispatcher;
    private final MessageSource messages;

    ChannelSetup(NotifyStore notifications, CrmStore store, FollowupSettings settings, OutboundGuard guard,
            Dispatcher dispatcher, MessageSource messages) {
        this.notifications = notifications;
        this.store = store;
        this.settings = settings;
        this.guard = guard;
        this.dispatcher = dispatcher;
        this.messages = messages;
    }

    /** What a person asks for; {@code scope} null is their own, {@code scopeId} null their own or their team. */
    public record NewChannel(Channel.Scope scope, String scopeId, ChannelKind kind, String name, String address, String url,
            String secret) {
    }

    /** My channels and my team's. */
    public List<Channel> visible(SignedIn me) {
        List<Channel> found = new ArrayList<>(notifications.channelsOf(Channel.Scope.USER, List.of(me.userId())));
        if (me.teamId() != null) {
            found.addAll(notifications.channelsOf(Channel.Scope.TEAM, List.of(me.teamId())));
        }
        return found;
    }

    public Channel add(SignedIn me, NewChannel body) {
        if (body.kind() == null) {
            throw new Refusal("channels.error.kind", null, "Say what kind of channel this is.");
        }
        Channel.Scope scope = body.scope() == null ? Channel.Scope.USER : body.scope();
        String scopeId = body.scopeId() != null ? body.scopeId() : scope == Channel.Scope.USER ? me.userId() : me.teamId();
        requireManageable(me, scope, scopeId);
        String address = body.address() == null || body.address().isBlank() ? null
                : body.address().trim().toLowerCase(Locale.ROOT);
        if (body.kind() == ChannelKind.EMAIL) {
            if (address == null || !address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw new Refusal("channels.error.address", null, "An email channel needs an email address.");
            }
        } else {
            checkUrl(body.url());
        }
        String name = body.name() == null || body.name().isBlank() ? null : body.name().trim();
        return notifications.addChannel(scope, scopeId, body.kind(), name, address,
                body.kind() == ChannelKind.EMAIL ? null : body.url().trim(),
                body.secret() == null || body.secret().isBlank() ? null : body.secret().trim(), me.userId(),
                store.clock().instant());
    }

    public void remove(SignedIn me, String id) {
        Channel channel = manageable(me, id);
        notifications.removeChannel(channel.id());
        store.audit().record(me.userId(), "channel.removed", "notification_channel", id, null);
    }

    /** Sends a test message on the channel now, in the asker's language, and says what came of it. */
    public Attempt test(SignedIn me, String id) {
        Channel channel = manageable(me, id);
        User user = store.users().get(me.userId());
        Locale locale = Locale.forLanguageTag(user.locale() == null ? "en" : user.locale());
        String title = messages.getMessage("channels.testMessage.title", null, locale);
        String text = messages.getMessage("channels.testMessage.text", new Object[] {user.name()}, locale);
        return dispatcher.test(channel, user, title, text);
    }

    private Channel manageable(SignedIn me, String id) {
        Channel channel = notifications.channel(id).orElseThrow(() -> new NotFound("notification channel", id));
        if (!canSee(me, channel)) {
            throw new NotFound("notification channel", id);
        }
        requireManageable(me, channel.scope(), channel.scopeId());
        return channel;
    }

    private static boolean canSee(SignedIn me, Channel channel) {
        return me.role() == Role.ADMIN || channel.scope() == Channel.Scope.USER && channel.scopeId().equals(me.userId())
                || channel.scope() == Channel.Scope.TEAM && channel.scopeId().equals(me.teamId());
    }

    private void requireManageable(SignedIn me, Channel.Scope scope, String scopeId) {
        if (scopeId == null) {
            throw new Refusal("channels.error.noTeam", null, "Say whose channel this is: scopeId (you are in no team).");
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
            uri = url == null || url.isBlank() ? null : URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new Refusal("channels.error.notUrl", null, "The webhook URL is not a URL.");
        }
        boolean http = settings.notifications().allowHttp();
        if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme())
                || "http".equals(uri.getScheme()) && http)) {
            throw http ? new Refusal("channels.error.scheme", null, "The webhook URL must be http(s)://…")
                    : new Refusal("channels.error.https", null,
                            "The webhook URL must be https://… (plain http would send the robot's token in clear).");
        }
        // Told now rather than at the first delivery; the dispatcher checks again before each attempt.
        try {
            guard.check(uri);
        } catch (OutboundGuard.Refused e) {
            if (e.unresolved()) {
                return; // DNS may come later; the dispatcher checks before every attempt
            }
            throw new Refusal("channels.error.guard", uri.getHost() + " (" + e.reason() + ")", "Genjin does not send to "
                    + uri.getHost() + " (" + e.reason() + "); an admin can allow its network in genjin.outbound.allowed-networks.");
        }
    }
}
