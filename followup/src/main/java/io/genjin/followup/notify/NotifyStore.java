package io.genjin.followup.notify;

import io.genjin.store.Ids;
import io.genjin.store.mailbox.SecretCipher;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The notification collections: in-app notifications, channels (secrets sealed with the store's
 * {@link SecretCipher}, bound to the channel id), the delivery log, and the small outbox of
 * deliveries still to attempt — kept apart from the ever-growing log because the embedded store scans
 * a collection for every query that is not by id.
 */
public class NotifyStore {
    private final MongoOperations mongo;
    private final SecretCipher cipher;

    public NotifyStore(MongoOperations mongo, SecretCipher cipher) {
        this.mongo = mongo;
        this.cipher = cipher;
        mongo.indexOps(Notification.class).createIndex(new Index().on("key", Sort.Direction.ASC).unique()
                .named("notification_key"));
        mongo.indexOps(Delivery.class).createIndex(new Index().on("notificationId", Sort.Direction.ASC)
                .on("channelId", Sort.Direction.ASC).unique().named("delivery_channel"));
    }

    /** Inserts the notification; empty when one with the same key exists (it was sent already). */
    public Optional<Notification> insert(Notification notification) {
        try {
            return Optional.of(mongo.insert(notification));
        } catch (DuplicateKeyException sentAlready) {
            return Optional.empty();
        }
    }

    public Optional<Notification> notification(String id) {
        return Optional.ofNullable(mongo.findById(id, Notification.class));
    }

    public List<Notification> notificationsOf(String userId, int limit) {
        return mongo.find(Query.query(Criteria.where("userId").is(userId))
                .with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"))).limit(limit), Notification.class);
    }

    public boolean markRead(String userId, String id, Instant at) {
        return mongo.findAndModify(Query.query(Criteria.where("id").is(id).and("userId").is(userId).and("readAt").isNull()),
                Update.update("readAt", at), Notification.class) != null;
    }

    public Channel addChannel(Channel.Scope scope, String scopeId, ChannelKind kind, String name, String address,
            String url, String secret, String createdBy, Instant now) {
        String id = Ids.newId();
        return mongo.insert(new Channel(id, scope, scopeId, kind, name, address,
                url == null ? null : cipher.seal(url, "channel-url:" + id),
                secret == null || secret.isEmpty() ? null : cipher.seal(secret, "channel-secret:" + id),
                display(url), true, createdBy, now));
    }

    public Optional<Channel> channel(String id) {
        return Optional.ofNullable(mongo.findById(id, Channel.class));
    }

    public void removeChannel(String id) {
        mongo.remove(Query.query(Criteria.where("id").is(id)), Channel.class);
    }

    public List<Channel> channelsOf(Channel.Scope scope, Collection<String> scopeIds) {
        return mongo.find(Query.query(Criteria.where("scope").is(scope).and("scopeId").in(scopeIds)).with(Sort.by("createdAt")),
                Channel.class);
    }

    /** The channel's URL and secret in clear, for the moment of sending. */
    public Secrets open(Channel channel) {
        return new Secrets(channel.sealedUrl() == null ? null : cipher.open(channel.sealedUrl(), "channel-url:" + channel.id()),
                channel.sealedSecret() == null ? null : cipher.open(channel.sealedSecret(), "channel-secret:" + channel.id()));
    }

    /** Queues the notification for the channel; false when it was queued already. */
    public boolean enqueue(Notification notification, Channel channel, Instant now) {
        Delivery delivery = new Delivery(Ids.newId(), notification.id(), channel.id(), channel.kind(), notification.userId(),
                channel.kind() == ChannelKind.EMAIL ? channel.address() : channel.display(), Delivery.Status.PENDING, 0,
                null, null, now, now, null);
        try {
            mongo.insert(delivery);
        } catch (DuplicateKeyException queuedAlready) {
            return false;
        }
        mongo.insert(new Pending(delivery.id(), now));
        return true;
    }

    /** Deliveries due for an attempt, soonest first. */
    public List<Pending> due(Instant now, int limit) {
        return mongo.find(Query.query(Criteria.where("nextAttemptAt").lte(now)).with(Sort.by("nextAttemptAt")).limit(limit),
                Pending.class);
    }

    public Optional<Delivery> delivery(String id) {
        return Optional.ofNullable(mongo.findById(id, Delivery.class));
    }

    public void sent(Delivery d, int status, Instant at) {
        mongo.updateFirst(Query.query(Criteria.where("id").is(d.id())), new Update().set("status", Delivery.Status.SENT)
                .inc("attempts", 1).set("lastStatus", status).set("sentAt", at).unset("nextAttemptAt").unset("lastError"),
                Delivery.class);
        mongo.remove(Query.query(Criteria.where("id").is(d.id())), Pending.class);
    }

    /** Records a failed attempt: tried again at {@code retryAt}, or given up when that is null. */
    public void failed(Delivery d, Integer status, String error, Instant retryAt) {
        Update update = new Update().inc("attempts", 1).set("lastStatus", status).set("lastError", error);
        if (retryAt == null) {
            update.set("status", Delivery.Status.FAILED).unset("nextAttemptAt");
            mongo.remove(Query.query(Criteria.where("id").is(d.id())), Pending.class);
        } else {
            update.set("nextAttemptAt", retryAt);
            mongo.updateFirst(Query.query(Criteria.where("id").is(d.id())), Update.update("nextAttemptAt", retryAt), Pending.class);
        }
        mongo.updateFirst(Query.query(Criteria.where("id").is(d.id())), update, Delivery.class);
    }

    /** Waits for the rate limit: no attempt is spent. */
    public void postpone(Delivery d, Instant until) {
        mongo.updateFirst(Query.query(Criteria.where("id").is(d.id())), Update.update("nextAttemptAt", until), Delivery.class);
        mongo.updateFirst(Query.query(Criteria.where("id").is(d.id())), Update.update("nextAttemptAt", until), Pending.class);
    }

    public void dropPending(String deliveryId) {
        mongo.remove(Query.query(Criteria.where("id").is(deliveryId)), Pending.class);
    }

    /** The delivery log, newest first; {@code userIds} null for everyone's. */
    public List<Delivery> deliveries(Collection<String> userIds, Delivery.Status status, int limit) {
        Criteria criteria = userIds == null ? new Criteria() : Criteria.where("userId").in(userIds);
        if (status != null) {
            criteria = criteria.and("status").is(status);
        }
        return mongo.find(Query.query(criteria).with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"))).limit(limit),
                Delivery.class);
    }

    static String display(String url) {
        if (url == null) {
            return null;
        }
        try {
            java.net.URI uri = java.net.URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                    + (uri.getPath() == null ? "" : uri.getPath());
        } catch (IllegalArgumentException e) {
            return "(unreadable URL)";
        }
    }

    /** A channel's URL and secret, opened. */
    public record Secrets(String url, String secret) {
    }

    /** A delivery still to attempt. */
    @org.springframework.data.mongodb.core.mapping.Document("notification_outbox")
    public record Pending(String id, Instant nextAttemptAt) {
    }
}
