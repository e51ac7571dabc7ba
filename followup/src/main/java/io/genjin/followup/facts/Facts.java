package io.genjin.followup.facts;

import io.genjin.store.StoredRecords;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The {@code followup_facts} collection: every write is one atomic, idempotent upsert by company id.
 *
 * <p>The dates moved forward by the listeners' events, and the reads that follow them, go to the store as
 * documents ({@link StoredRecords}), not through the mapping: each linked mail of a customer moves one of
 * them, and the mapping's per-call work cost more than the store's. What they write is what the mapping's
 * {@code $max} upsert writes ({@code FactsTest} compares the two).
 */
public class Facts {
    private final MongoOperations mongo;
    private final Untold untold;

    public Facts(MongoOperations mongo) {
        this.mongo = mongo;
        this.untold = new Untold(mongo);
    }

    /** The tasks a scan raised and has not told yet. */
    public Untold untold() {
        return untold;
    }

    public void quoteSent(String companyId, Instant at) {
        max(companyId, "lastQuoteAt", at);
    }

    /**
     * Moves the customer's last reply forward to {@code at}, and returns its facts after that, read in the
     * same command ({@link CustomerFacts#none} when there are none and nothing was written).
     */
    public CustomerFacts customerReplied(String companyId, Instant at) {
        return maxAndRead(companyId, "lastReplyAt", at);
    }

    public void inquiryReceived(String companyId, Instant at) {
        max(companyId, "lastInquiryAt", at);
    }

    /** Moves the team's last mail to the customer forward to {@code at}, and returns its facts after that (as above). */
    public CustomerFacts teamWrote(String companyId, Instant at) {
        return maxAndRead(companyId, "lastAnswerAt", at);
    }

    public void taskOpened(String companyId, String rule, String taskId) {
        mongo.upsert(byId(companyId), new Update().addToSet("openTasks." + rule, taskId), CustomerFacts.class);
    }

    /** Records many open tasks in one round trip (a scan). */
    public void tasksOpened(List<io.genjin.store.task.Task> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        var bulk = mongo.bulkOps(org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED, CustomerFacts.class);
        tasks.forEach(t -> bulk.upsert(byId(t.companyId()), new Update().addToSet("openTasks." + t.originRule(), t.id())));
        bulk.execute();
    }

    public void taskClosed(String companyId, String rule, String taskId) {
        mongo.updateFirst(byId(companyId), new Update().pull("openTasks." + rule, taskId), CustomerFacts.class);
    }

    public Optional<CustomerFacts> find(String companyId) {
        return Optional.ofNullable(StoredRecords.findById(mongo, CustomerFacts.class, companyId));
    }

    public List<String> openTasks(String companyId, String rule) {
        return find(companyId).map(f -> f.openTasks().getOrDefault(rule, List.of())).orElse(List.of());
    }

    /**
     * Every customer's dates, in one pass (a scan). The open-task ids are left on the server: a scan
     * reads open tasks from the tasks themselves, and these lists are what makes the documents large.
     */
    public Stream<CustomerFacts> allDates() {
        Query query = new Query();
        query.fields().exclude("openTasks");
        return mongo.stream(query, CustomerFacts.class);
    }

    /**
     * A company merge: the survivor's dates move forward to the loser's where those are later, and the
     * open tasks the loser's rules raised are the survivor's (the tasks moved with the merge). The
     * loser's document goes last, so a re-run after a crash repeats only idempotent updates.
     * Returns 1 when the loser had facts.
     */
    public long moveCompany(String fromCompanyId, String toCompanyId) {
        Optional<CustomerFacts> from = find(fromCompanyId);
        if (from.isEmpty()) {
            return 0;
        }
        CustomerFacts f = from.get();
        max(toCompanyId, "lastQuoteAt", f.lastQuoteAt());
        max(toCompanyId, "lastReplyAt", f.lastReplyAt());
        max(toCompanyId, "lastInquiryAt", f.lastInquiryAt());
        max(toCompanyId, "lastAnswerAt", f.lastAnswerAt());
        f.openTasks().forEach((rule, ids) -> {
            if (!ids.isEmpty()) {
                mongo.upsert(byId(toCompanyId), new Update().addToSet("openTasks." + rule).each(ids.toArray()),
                        CustomerFacts.class);
            }
        });
        mongo.remove(byId(fromCompanyId), CustomerFacts.class);
        return 1;
    }

    /**
     * The facts as a customer's records for a company merge: moved, never listed in a merge preview
     * (they are derived from the mail, which the preview counts).
     */
    public io.genjin.store.linking.CustomerRecords customerRecords() {
        return new io.genjin.store.linking.CustomerRecords() {
            @Override
            public String kind() {
                return "followupFacts";
            }

            @Override
            public boolean listed() {
                return false;
            }

            @Override
            public long count(String companyId) {
                return find(companyId).isPresent() ? 1 : 0;
            }

            @Override
            public long move(String fromCompanyId, String toCompanyId) {
                return moveCompany(fromCompanyId, toCompanyId);
            }
        };
    }

    private void max(String companyId, String field, Instant at) {
        if (companyId != null && at != null) {
            StoredRecords.upsert(mongo, CustomerFacts.class, companyId, maxOf(field, at));
        }
    }

    private CustomerFacts maxAndRead(String companyId, String field, Instant at) {
        if (companyId == null) {
            return CustomerFacts.none(null);
        }
        if (at == null) {
            return find(companyId).orElse(CustomerFacts.none(companyId));
        }
        return StoredRecords.upsertAndRead(mongo, CustomerFacts.class, companyId, maxOf(field, at));
    }

    /** A date moved forward, stored as the mapping stores an {@link Instant} (a BSON date, to the millisecond). */
    private static Document maxOf(String field, Instant at) {
        return new Document("$max", new Document(field, Date.from(at)));
    }

    private static Query byId(String companyId) {
        return Query.query(Criteria.where("id").is(companyId));
    }
}
