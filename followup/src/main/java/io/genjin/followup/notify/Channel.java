package io.genjin.followup.notify;

import java.time.Instant;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A place one user's — or a whole team's — notifications go. The webhook URL (robot URLs carry their
 * access token) and the signing secret are stored sealed, like mailbox passwords; {@code display}
 * is the URL without its query, safe to show.
 */
@Document("notification_channels")
public record Channel(String id, Scope scope, String scopeId, ChannelKind kind, String name, String address,
        String sealedUrl, String sealedSecret, String display, boolean enabled, String createdBy, Instant createdAt) {

    /** A channel belongs to a user, or to a team (every member's notifications go there). */
    public enum Scope {
        USER, TEAM
    }
}
