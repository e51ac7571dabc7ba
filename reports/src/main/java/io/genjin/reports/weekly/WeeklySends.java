package io.genjin.reports.weekly;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Which weekly mails were sent: one document per manager and ISO week, its {@code _id} both, so the
 * store's unique key is the claim. A tick takes the claim before it sends (an insert: two processes
 * cannot both win it), marks it sent once the mail server accepted the mail, or marks it failed when
 * the send failed, which the next tick claims again.
 *
 * <p><b>At most once.</b> A process that dies between its claim and the mark (a crash while talking
 * to the mail server) leaves the claim as {@code SENDING}, and no tick takes that over: the mail may
 * or may not have gone, and a second copy of a report is worse than a week's report missed, which the
 * manager can still send themself from the preview page. Such a claim is reported by {@link #stuck}.
 */
public final class WeeklySends {
    static final String COLLECTION = "report_weekly_mails";

    public enum State {
        SENDING, SENT, FAILED
    }

    /** The outcome of a claim. */
    public sealed interface Claim {
        /** This caller sends it now, as attempt {@code attempt}. */
        record Claimed(int attempt) implements Claim {
        }

        /** Sent already, or being sent (or left unknown by a crash) elsewhere: nothing to do. */
        record Taken(State state) implements Claim {
        }
    }

    private final MongoOperations mongo;
    private final Clock clock;

    public WeeklySends(MongoOperations mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    static String id(String userId, String isoWeek) {
        return isoWeek + "/" + userId;
    }

    public Claim claim(String userId, String isoWeek) {
        String id = id(userId, isoWeek);
        Instant now = clock.instant();
        try {
            mongo.insert(new Document("_id", id).append("userId", userId).append("week", isoWeek)
                    .append("state", State.SENDING.name()).append("attempts", 1).append("claimedAt", now), COLLECTION);
            return new Claim.Claimed(1);
        } catch (DuplicateKeyException taken) {
            Document again = mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and("state").is(State.FAILED.name())),
                    new Update().set("state", State.SENDING.name()).inc("attempts", 1).set("claimedAt", now), Document.class,
                    COLLECTION);
            if (again != null) {
                return new Claim.Claimed(again.getInteger("attempts", 1) + 1);
            }
            return new Claim.Taken(state(userId, isoWeek).orElse(State.SENDING));
        }
    }

    public void sent(String userId, String isoWeek) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id(userId, isoWeek))),
                new Update().set("state", State.SENT.name()).set("sentAt", clock.instant()).unset("error"), COLLECTION);
    }

    public void failed(String userId, String isoWeek, String error) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id(userId, isoWeek))),
                new Update().set("state", State.FAILED.name()).set("failedAt", clock.instant())
                        .set("error", error == null ? "" : error.length() > 500 ? error.substring(0, 500) : error), COLLECTION);
    }

    public Optional<State> state(String userId, String isoWeek) {
        Document d = mongo.findById(id(userId, isoWeek), Document.class, COLLECTION);
        return Optional.ofNullable(d).map(x -> State.valueOf(x.getString("state")));
    }

    /** How many mails of {@code isoWeek} were claimed and never marked (a crash mid-send). */
    public long stuck(String isoWeek, Instant claimedBefore) {
        return mongo.count(Query.query(Criteria.where("week").is(isoWeek).and("state").is(State.SENDING.name())
                .and("claimedAt").lt(claimedBefore)), COLLECTION);
    }
}
