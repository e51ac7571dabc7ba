package io.genjin.store.mailbox;

import io.genjin.store.mailbox.MailboxStatus.State;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** Per-mailbox sync status. Each change sets only its own fields (an upsert), so writers never clobber each other. */
public class MailboxStatuses {
    private static final int ERROR_TEXT_LIMIT = 500;
    private final MongoOperations mongo;
    private final Clock clock;

    public MailboxStatuses(MongoOperations mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public MailboxStatus of(String accountId) {
        return Optional.ofNullable(mongo.findById(accountId, MailboxStatus.class))
                .orElseGet(() -> MailboxStatus.pending(accountId, clock.instant()));
    }

    public List<MailboxStatus> of(Collection<String> accountIds) {
        return mongo.find(Query.query(Criteria.where("id").in(accountIds)), MailboxStatus.class);
    }

    public void state(String accountId, State state) {
        set(accountId, new Update().set("state", state));
    }

    public void initialProgress(String accountId, long done, long total, long backlog) {
        set(accountId, new Update().set("initialDone", done).set("initialTotal", total).set("backlog", backlog));
    }

    public void backlog(String accountId, long backlog) {
        set(accountId, new Update().set("backlog", backlog));
    }

    /** A pass ended cleanly: up to date as of now. */
    public void synced(String accountId, State next) {
        set(accountId, new Update().set("state", next).set("lastSyncAt", clock.instant()).set("backlog", 0L)
                .unset("lastError"));
    }

    public void failed(String accountId, String error) {
        String text = error == null ? "unknown error" : error.length() > ERROR_TEXT_LIMIT ? error.substring(0, ERROR_TEXT_LIMIT) : error;
        set(accountId, new Update().set("state", State.ERROR).set("lastError", text).set("lastErrorAt", clock.instant()));
    }

    private void set(String accountId, Update update) {
        mongo.upsert(Query.query(Criteria.where("id").is(accountId)), update.set("updatedAt", clock.instant()),
                MailboxStatus.class);
    }
}
