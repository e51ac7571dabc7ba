package io.genjin.store.mailbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Who syncs which mailbox when several replicas run the gateway: a lease per mailbox account
 * ({@code _id} = account id) held by one replica until {@code until}. A replica renews the leases it
 * holds well before they run out; one that dies stops renewing, and another takes the mailbox over
 * once the lease has expired. A claim is one atomic find-and-modify: it matches the lease when this
 * replica holds it or it has expired, and otherwise upserts, which the unique {@code _id} refuses
 * when someone else holds it. Clocks of replicas are assumed to agree to well within the lease time.
 */
public class MailboxLeases {
    static final String COLLECTION = "mailbox_leases";
    private static final String SYNC_REQUESTED = "syncRequested";
    private final MongoOperations mongo;
    private final Clock clock;

    MailboxLeases(MongoOperations mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Takes or renews the lease for {@code ttl}; false when another replica holds it. */
    public boolean claim(String accountId, String holder, Duration ttl) {
        return take(accountId, holder, ttl).held();
    }

    /**
     * Takes or renews the lease, and hands over (clearing it) a sync request made on another
     * replica since the last round, so "sync now" works whichever replica the user's request reached.
     */
    public Claim take(String accountId, String holder, Duration ttl) {
        Instant now = clock.instant();
        Query mineOrExpired = Query.query(Criteria.where("_id").is(accountId)
                .orOperator(Criteria.where("holder").is(holder), Criteria.where("until").lt(Date.from(now))));
        Update take = new Update().set("holder", holder).set("until", Date.from(now.plus(ttl))).unset(SYNC_REQUESTED);
        try {
            Document before = mongo.findAndModify(mineOrExpired, take,
                    FindAndModifyOptions.options().upsert(true).returnNew(false), Document.class, COLLECTION);
            return new Claim(true, before != null && Boolean.TRUE.equals(before.getBoolean(SYNC_REQUESTED)));
        } catch (DuplicateKeyException heldElsewhere) {
            return new Claim(false, false);
        }
    }

    /** Asks the holder of the mailbox's lease for a pass at its next round. */
    public void requestSync(String accountId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(accountId)), Update.update(SYNC_REQUESTED, true), COLLECTION);
    }

    /** @param syncRequested someone asked for a pass on another replica */
    public record Claim(boolean held, boolean syncRequested) {
    }

    /** Gives the lease up (on shutdown, or when the mailbox is removed), so another replica need not wait. */
    public void release(String accountId, String holder) {
        mongo.remove(Query.query(Criteria.where("_id").is(accountId).and("holder").is(holder)), COLLECTION);
    }

    /** The replica holding a live lease on the mailbox, if any. */
    public Optional<String> holder(String accountId) {
        Document lease = mongo.findOne(Query.query(Criteria.where("_id").is(accountId)), Document.class, COLLECTION);
        if (lease == null || lease.getDate("until").toInstant().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.ofNullable(lease.getString("holder"));
    }
}
