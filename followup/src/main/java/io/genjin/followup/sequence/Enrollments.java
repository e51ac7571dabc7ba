package io.genjin.followup.sequence;

import io.genjin.followup.sequence.Enrollment.Postponement;
import io.genjin.followup.sequence.Enrollment.SentStep;
import io.genjin.followup.sequence.Enrollment.Status;
import io.genjin.followup.sequence.Enrollment.StopReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Enrolments, and the claims that make sequence steps run once per cluster: a runner takes a due,
 * active enrolment with an atomic change that sets a lease; no other runner sees it until the lease
 * ends. Every stop and postponement is a single-document update that can run twice (events arrive
 * at least once).
 */
public final class Enrollments {
    /** How long an answer to "is any enrolment open?" is trusted when this process enrolled nobody since. */
    private static final long OPEN_REREAD_NANOS = 2_000_000_000L;
    private final MongoOperations mongo;
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicLong inserts = new java.util.concurrent.atomic.AtomicLong();
    private volatile OpenRead open;

    Enrollments(MongoOperations mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Inserts an active enrolment; the unique index on {@code activeContact} refuses a second one. */
    Enrollment insert(Enrollment enrollment) {
        inserts.incrementAndGet();
        try {
            return mongo.insert(enrollment);
        } finally {
            inserts.incrementAndGet();
        }
    }

    /**
     * Whether any enrolment is active or paused, read at most every two seconds: every reply and bounce
     * the mail brings asks, and most teams have no sequence running, where asking was a store round trip
     * per message. An enrolment made in this process is seen at once; one made in another process
     * within two seconds, so a reply handled in those two seconds does not stop it (as if it had come
     * just before the enrolment).
     */
    private boolean anyOpen() {
        long now = System.nanoTime();
        long before = inserts.get();
        OpenRead known = open;
        if (known != null && known.inserts == before && now - known.readAt < OPEN_REREAD_NANOS) {
            return known.any;
        }
        boolean any = mongo.exists(Query.query(Criteria.where("status").in(Status.ACTIVE, Status.PAUSED)), Enrollment.class);
        open = new OpenRead(any, before, now);
        return any;
    }

    private record OpenRead(boolean any, long inserts, long readAt) {
    }

    public Optional<Enrollment> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(mongo.findById(id, Enrollment.class));
    }

    public Optional<Enrollment> activeOf(String contactId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("activeContact").is(contactId)),
                Enrollment.class));
    }

    public List<Enrollment> ofSequence(String sequenceId, Collection<String> ownerIds) {
        Criteria c = Criteria.where("sequenceId").is(sequenceId);
        if (ownerIds != null) {
            c = c.and("ownerId").in(ownerIds);
        }
        return mongo.find(Query.query(c).with(Sort.by(Sort.Direction.DESC, "createdAt")), Enrollment.class);
    }

    public List<Enrollment> ofContact(String contactId) {
        return mongo.find(Query.query(Criteria.where("contactId").is(contactId))
                .with(Sort.by(Sort.Direction.DESC, "createdAt")), Enrollment.class);
    }

    /** The next active enrolment whose step is due and that no runner holds, now leased to the caller. */
    Optional<Enrollment> claimDue(Duration lease) {
        Instant now = clock.instant();
        Query due = Query.query(Criteria.where("status").is(Status.ACTIVE).and("dueAt").lte(now)
                .orOperator(Criteria.where("leaseUntil").isNull(), Criteria.where("leaseUntil").lt(now)))
                .with(Sort.by("dueAt"));
        return Optional.ofNullable(mongo.findAndModify(due, Update.update("leaseUntil", now.plus(lease)),
                FindAndModifyOptions.options().returnNew(true), Enrollment.class));
    }

    /**
     * Gives a claimed enrolment back, due at the postponement's time (a window, cap or gap said "not
     * now"), and records why: {@code postponement} as a value for pages, {@code words} for the API.
     */
    void later(String id, Postponement postponement, String words) {
        mongo.updateFirst(Query.query(Criteria.where("id").is(id).and("status").is(Status.ACTIVE)),
                new Update().set("dueAt", postponement.until()).set("postponement", postponement).set("postponedBy", words)
                        .unset("leaseUntil"), Enrollment.class);
    }

    /** Gives a claimed enrolment back after an error, due again at {@code dueAt}; the last reason stays. */
    void retryAt(String id, Instant dueAt) {
        mongo.updateFirst(Query.query(Criteria.where("id").is(id).and("status").is(Status.ACTIVE)),
                new Update().set("dueAt", dueAt).unset("leaseUntil"), Enrollment.class);
    }

    /**
     * Holds an active enrolment: nothing is sent until it is resumed. False when it was not active
     * (paused already, or ended).
     */
    public boolean pause(String id, String byUserId) {
        return mongo.findAndModify(Query.query(Criteria.where("id").is(id).and("status").is(Status.ACTIVE)),
                new Update().set("status", Status.PAUSED).set("pausedAt", clock.instant()).set("pausedBy", byUserId),
                Enrollment.class) != null;
    }

    /**
     * Lets a paused enrolment go on: its next step goes out when due (at once, inside the window, if
     * its time passed while paused). False when it was not paused.
     */
    public boolean resume(String id) {
        return mongo.findAndModify(Query.query(Criteria.where("id").is(id).and("status").is(Status.PAUSED)),
                new Update().set("status", Status.ACTIVE).unset("pausedAt").unset("pausedBy"), Enrollment.class) != null;
    }

    /** Records a sent step: the next is due after its delay, or the sequence is done. */
    void stepSent(String id, SentStep sent, Instant nextDue, boolean last) {
        Update update = new Update().push("sent", sent).inc("nextStep", 1).unset("leaseUntil").unset("postponement")
                .unset("postponedBy");
        if (last) {
            update.set("status", Status.COMPLETED).set("endedAt", clock.instant()).unset("activeContact")
                    .unset("dueAt");
        } else {
            update.set("dueAt", nextDue);
        }
        // Only while still in the sequence: a stop that arrived during the send wins; a pause does not
        // undo a step that went out.
        mongo.updateFirst(Query.query(Criteria.where("id").is(id).and("status").in(Status.ACTIVE, Status.PAUSED)
                .and("nextStep").is(sent.step())), update, Enrollment.class);
    }

    /** Stops one active or paused enrolment; false when it had ended (already stopped: at-least-once events). */
    public boolean stop(String id, StopReason reason, String detail) {
        return stop(Criteria.where("id").is(id), reason, detail) > 0;
    }

    public long countOfCompany(String companyId) {
        return mongo.count(Query.query(Criteria.where("companyId").is(companyId)), Enrollment.class);
    }

    /** A company merge: enrolments, running or ended, now belong to the survivor (stops by company find them there). */
    public long moveCompany(String fromCompanyId, String toCompanyId) {
        // Counted first: the driver's update result stays inside the store module.
        Query of = Query.query(Criteria.where("companyId").is(fromCompanyId));
        long moving = mongo.count(of, Enrollment.class);
        mongo.updateMulti(of, Update.update("companyId", toCompanyId), Enrollment.class);
        return moving;
    }

    /** Enrolments as a customer's records, which a company merge moves to the survivor. */
    public io.genjin.store.linking.CustomerRecords customerRecords() {
        return new io.genjin.store.linking.CustomerRecords() {
            @Override
            public String kind() {
                return "enrollments";
            }

            @Override
            public long count(String companyId) {
                return countOfCompany(companyId);
            }

            @Override
            public long move(String fromCompanyId, String toCompanyId) {
                return moveCompany(fromCompanyId, toCompanyId);
            }
        };
    }

    public long stopCompany(String companyId, StopReason reason, String detail) {
        return stop(Criteria.where("companyId").is(companyId), reason, detail);
    }

    public long stopAddresses(Collection<String> addresses, StopReason reason, String detail) {
        return stop(Criteria.where("address").in(addresses), reason, detail);
    }

    /** Stops each matching active or paused enrolment with its own atomic update; returns how many this call stopped. */
    private long stop(Criteria which, StopReason reason, String detail) {
        if (!anyOpen()) {
            return 0;
        }
        Query active = Query.query(which).addCriteria(Criteria.where("status").in(Status.ACTIVE, Status.PAUSED));
        Update update = new Update().set("status", Status.STOPPED).set("stopReason", reason)
                .set("stopDetail", detail).set("endedAt", clock.instant()).unset("activeContact").unset("dueAt")
                .unset("leaseUntil");
        long stopped = 0;
        while (mongo.findAndModify(active, update, Enrollment.class) != null) {
            stopped++;
        }
        return stopped;
    }

    /** Active and paused enrolments sent to this address. */
    List<Enrollment> activeTo(String address) {
        if (!anyOpen()) {
            return List.of();
        }
        return mongo.find(Query.query(Criteria.where("address").is(address).and("status").in(Status.ACTIVE, Status.PAUSED)),
                Enrollment.class);
    }

    /** Moves the next step to no earlier than {@code notBefore}; idempotent (never moves it earlier). */
    boolean postpone(String id, Postponement postponement, String why) {
        return mongo.findAndModify(Query.query(Criteria.where("id").is(id).and("status").in(Status.ACTIVE, Status.PAUSED)
                        .and("dueAt").lt(postponement.until())),
                new Update().set("dueAt", postponement.until()).set("postponedBy", why).set("postponement", postponement),
                Enrollment.class) != null;
    }
}
