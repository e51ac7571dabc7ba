package io.genjin.store.relay;

import java.time.Clock;
import java.util.Optional;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The outbound part of the store: relay credentials, per-user relay settings, outbound mail and its
 * retry queue. Built over a {@link MongoOperations} like {@code MailboxStore}, so outbound mail can be
 * wired (and left out) on its own.
 */
public record RelayStore(RelayCredentials credentials, OutboundQueue outbound, MongoOperations mongo) {

    public static RelayStore over(MongoOperations mongo, Clock clock) {
        mongo.indexOps(RelayCredential.class).createIndex(new Index().on("hash", Direction.ASC).unique()
                .named("relay_credential_hash"));
        mongo.indexOps(OutboundMail.class).createIndex(new Index().on("key", Direction.ASC).unique()
                .named("outbound_key"));
        mongo.indexOps(OutboundMail.class).createIndex(new Index().on("status", Direction.ASC)
                .on("nextAttemptAt", Direction.ASC).named("outbound_due"));
        mongo.indexOps(OutboundMail.class).createIndex(new Index().on("timelineKey", Direction.ASC).sparse()
                .named("outbound_unlogged"));
        return new RelayStore(new RelayCredentials(mongo, clock), new OutboundQueue(mongo, clock), mongo);
    }

    public Tracking trackingOf(String userId) {
        return Optional.ofNullable(mongo.findById(userId, RelayPreference.class)).map(RelayPreference::tracking)
                .orElse(Tracking.QUOTES);
    }

    public void setTracking(String userId, Tracking tracking) {
        mongo.upsert(Query.query(Criteria.where("_id").is(userId)), Update.update("tracking", tracking),
                RelayPreference.class);
    }
}
