package io.genjin.followup.sequence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * What keeps sequence mail looking like a person wrote it, shared by every replica through atomic
 * counters: a daily cap per sending mailbox, a daily cap per recipient domain (across the team: the
 * recipient's server sees one sender domain), and a random gap of 60–180 s between two sends from
 * the same mailbox. Days are counted in one configured zone.
 */
public final class DeliveryBudget {
    private final MongoOperations mongo;
    private final Clock clock;
    private final Random random;
    private final SequenceSettings settings;

    DeliveryBudget(MongoOperations mongo, Clock clock, Random random, SequenceSettings settings) {
        this.mongo = mongo;
        this.clock = clock;
        this.random = random;
        this.settings = settings;
    }

    /** When the mailbox may send again, if not now. Taking the slot sets the next gap at once. */
    public Instant takeGap(String mailboxOwnerId) {
        Instant now = clock.instant();
        String key = "gap:" + mailboxOwnerId;
        Duration gap = settings.minGap().plusSeconds(random.nextInt(
                (int) (settings.maxGap().minus(settings.minGap()).toSeconds() + 1)));
        Counter taken = mongo.findAndModify(Query.query(Criteria.where("_id").is(key).and("until").lte(now)),
                Update.update("until", now.plus(gap)), FindAndModifyOptions.options().returnNew(true), Counter.class);
        if (taken != null) {
            return null;
        }
        try {
            mongo.insert(new Counter(key, 0, now.plus(gap)));
            return null;
        } catch (DuplicateKeyException exists) {
            Counter current = mongo.findById(key, Counter.class);
            return current == null ? now : current.until();
        }
    }

    /** Takes one send from today's mailbox cap and today's domain cap; false (and nothing taken) when either is full. */
    public boolean takeDaily(String mailboxOwnerId, String recipientDomain) {
        LocalDate today = today();
        String mailbox = "mailbox:" + mailboxOwnerId + ":" + today;
        String domain = "domain:" + recipientDomain + ":" + today;
        if (!take(mailbox, settings.mailboxDailyCap())) {
            return false;
        }
        if (!take(domain, settings.domainDailyCap())) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(mailbox)), new Update().inc("count", -1), Counter.class);
            return false;
        }
        return true;
    }

    /** Gives back what {@link #takeDaily} took today, for a send that did not happen. */
    public void giveBackDaily(String mailboxOwnerId, String recipientDomain) {
        LocalDate today = today();
        for (String key : new String[] {"mailbox:" + mailboxOwnerId + ":" + today, "domain:" + recipientDomain + ":" + today}) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(key).and("count").gt(0)), new Update().inc("count", -1),
                    Counter.class);
        }
    }

    public LocalDate today() {
        return clock.instant().atZone(settings.capZone()).toLocalDate();
    }

    public ZoneId capZone() {
        return settings.capZone();
    }

    public int used(String counter) {
        Counter c = mongo.findById(counter, Counter.class);
        return c == null ? 0 : c.count();
    }

    private boolean take(String key, int cap) {
        Query underCap = Query.query(Criteria.where("_id").is(key).and("count").lt(cap));
        if (mongo.findAndModify(underCap, new Update().inc("count", 1), Counter.class) != null) {
            return true;
        }
        if (cap <= 0) {
            return false;
        }
        if (!mongo.exists(Query.query(Criteria.where("_id").is(key)), Counter.class)) {
            try {
                mongo.insert(new Counter(key, 1, null));
                return true;
            } catch (DuplicateKeyException raced) {
                // created by a concurrent take: decided below
            }
        }
        // The counter exists now, perhaps made by a concurrent take after the first look (so "not
        // under the cap" then meant "not there yet"): with it in place one more try decides.
        return mongo.findAndModify(underCap, new Update().inc("count", 1), Counter.class) != null;
    }

    @Document("sequence_budget")
    record Counter(@Id String key, int count, Instant until) {
    }
}
