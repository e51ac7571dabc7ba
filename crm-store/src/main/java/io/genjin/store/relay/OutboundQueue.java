package io.genjin.store.relay;

import io.genjin.store.Ids;
import io.genjin.store.relay.OutboundMail.Origin;
import io.genjin.store.relay.OutboundMail.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Outbound mail and its retry queue. Every delivery attempt starts with a claim: an atomic change to
 * SENDING with a lease, on the message's unique key. Two relay sessions, or a client retry and the
 * retry scan, or two replicas, can therefore never deliver the same message at once; a sender that
 * died leaves a lease that runs out, and the message is claimed again.
 */
public class OutboundQueue {
    private final MongoOperations mongo;
    private final Clock clock;

    OutboundQueue(MongoOperations mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** What {@link #claim} found. */
    public sealed interface Claim {
        /** Ours to deliver, until the lease runs out. */
        record Claimed(OutboundMail mail) implements Claim {
        }

        /** Delivered before (a client retrying a message Genjin already sent from its queue). */
        record AlreadySent(OutboundMail mail) implements Claim {
        }

        /** Someone else is delivering it right now. */
        record Busy(OutboundMail mail) implements Claim {
        }
    }

    /**
     * Claims a message for delivery: new, or waiting in the queue, failed, or with a lapsed lease.
     * A message that is queued and claimed here (its client sent it again) is delivered now and
     * leaves the queue.
     */
    public Claim claim(String userId, String accountId, String messageId, Origin origin, String envelopeFrom,
            List<String> recipients, String subject, Duration lease) {
        Instant now = clock.instant();
        String key = OutboundMail.keyOf(userId, messageId);
        try {
            return new Claim.Claimed(mongo.insert(new OutboundMail(Ids.newId(), key, userId, accountId, messageId, origin,
                    envelopeFrom, recipients, subject, null, Status.SENDING, 0, 0, null, now, null, now.plus(lease), null, null)));
        } catch (DuplicateKeyException exists) {
            Query claimable = Query.query(Criteria.where("key").is(key).orOperator(
                    Criteria.where("status").in(Status.QUEUED, Status.FAILED, Status.CANCELLED),
                    Criteria.where("status").is(Status.SENDING).and("leaseUntil").lt(now)));
            OutboundMail claimed = mongo.findAndModify(claimable, new Update().set("status", Status.SENDING)
                    .set("leaseUntil", now.plus(lease)).set("envelopeFrom", envelopeFrom).set("recipients", recipients)
                    .set("accountId", accountId), FindAndModifyOptions.options().returnNew(true), OutboundMail.class);
            if (claimed != null) {
                return new Claim.Claimed(claimed);
            }
            OutboundMail current = byKey(key).orElseThrow(() -> exists);
            return current.status() == Status.SENT ? new Claim.AlreadySent(current) : new Claim.Busy(current);
        }
    }

    /** The next queued message whose retry time has come (or whose sender's lease lapsed), claimed. */
    public Optional<OutboundMail> claimDue(Duration lease) {
        Instant now = clock.instant();
        Query due = Query.query(new Criteria().orOperator(
                Criteria.where("status").is(Status.QUEUED).and("nextAttemptAt").lte(now),
                Criteria.where("status").is(Status.SENDING).and("leaseUntil").lt(now).and("rawKey").ne(null)))
                .with(Sort.by("nextAttemptAt"));
        return Optional.ofNullable(mongo.findAndModify(due, new Update().set("status", Status.SENDING)
                .set("leaseUntil", now.plus(lease)), FindAndModifyOptions.options().returnNew(true), OutboundMail.class));
    }

    /**
     * Accepted upstream. {@code timelineKey} is the raw key of the message as the user wrote it: the
     * message still has to reach the timeline ({@link #logged} says it did, {@link #unlogged} finds
     * those whose sender died first).
     */
    public void sent(String id, int code, String reply, String timelineKey) {
        Instant now = clock.instant();
        mongo.updateFirst(byId(id), new Update().set("status", Status.SENT).inc("attempts", 1).set("lastCode", code)
                .set("lastReply", reply).set("sentAt", now).set("timelineKey", timelineKey).unset("leaseUntil")
                .unset("nextAttemptAt"), OutboundMail.class);
    }

    /** The sent message is on the timeline (or will never be): nothing more to do for it. */
    public void logged(String id) {
        mongo.updateFirst(byId(id), new Update().unset("timelineKey"), OutboundMail.class);
    }

    /** Sent messages accepted before {@code sentBefore} whose timeline entry is not known to be stored, oldest first. */
    public List<OutboundMail> unlogged(Instant sentBefore, int max) {
        return mongo.find(Query.query(Criteria.where("status").is(Status.SENT).and("timelineKey").ne(null)
                .and("sentAt").lt(sentBefore)).with(Sort.by("sentAt")).limit(max), OutboundMail.class);
    }

    /** A temporary failure: waits in the queue with its prepared message until {@code retryAt}. */
    public void deferred(String id, String rawKey, int code, String reply, Instant retryAt) {
        mongo.updateFirst(byId(id), new Update().set("status", Status.QUEUED).inc("attempts", 1).set("lastCode", code)
                .set("lastReply", reply).set("rawKey", rawKey).set("nextAttemptAt", retryAt).unset("leaseUntil"),
                OutboundMail.class);
    }

    /** Refused for good (a 5xx, or out of retries). */
    public void failed(String id, int code, String reply) {
        mongo.updateFirst(byId(id), new Update().set("status", Status.FAILED).inc("attempts", 1).set("lastCode", code)
                .set("lastReply", reply).unset("leaseUntil").unset("nextAttemptAt"), OutboundMail.class);
    }

    /** Gives a claimed message back untried (the sender could not even start, e.g. no SMTP account). */
    public void release(String id) {
        mongo.updateFirst(byId(id).addCriteria(Criteria.where("status").is(Status.SENDING)),
                new Update().set("status", Status.FAILED).unset("leaseUntil"), OutboundMail.class);
    }

    /** Asks for a retry now of a queued or failed message that still has its prepared copy. */
    public boolean retryNow(String userId, String id) {
        return mongo.updateFirst(byId(id).addCriteria(Criteria.where("userId").is(userId)
                        .and("status").in(Status.QUEUED, Status.FAILED).and("rawKey").ne(null)),
                new Update().set("status", Status.QUEUED).set("nextAttemptAt", clock.instant()),
                OutboundMail.class).getModifiedCount() > 0;
    }

    /** Discards a queued message: it will not be sent. */
    public boolean cancel(String userId, String id) {
        return mongo.updateFirst(byId(id).addCriteria(Criteria.where("userId").is(userId)
                        .and("status").in(Status.QUEUED, Status.FAILED)),
                new Update().set("status", Status.CANCELLED).unset("nextAttemptAt"), OutboundMail.class)
                .getModifiedCount() > 0;
    }

    public Optional<OutboundMail> find(String id) {
        return Optional.ofNullable(mongo.findById(id, OutboundMail.class));
    }

    public Optional<OutboundMail> byKey(String key) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("key").is(key)), OutboundMail.class));
    }

    /** A user's outbound mail, newest first; {@code statuses} empty means all. */
    public List<OutboundMail> ofUser(String userId, List<Status> statuses, int limit) {
        Criteria c = Criteria.where("userId").is(userId);
        if (!statuses.isEmpty()) {
            c = c.and("status").in(statuses);
        }
        return mongo.find(Query.query(c).with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(limit),
                OutboundMail.class);
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("id").is(id));
    }
}
