package io.genjin.store.mailbox;

import io.genjin.store.Durability;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Folder checkpoints. Every change is one conditional single-document update (atomic without
 * transactions, which the embedded store lacks) and is flushed before it returns, so a caller may
 * treat a returned checkpoint as durable. Progress is monotonic: within one UIDVALIDITY
 * {@code lastUid} only grows and {@code walkBelow} only shrinks; an update that would move them
 * the other way, or that names a stale UIDVALIDITY, changes nothing.
 */
public class FolderCheckpoints {
    private final MongoOperations mongo;
    private final Durability durability;
    private final Clock clock;

    public FolderCheckpoints(MongoOperations mongo, Durability durability, Clock clock) {
        this.mongo = mongo;
        this.durability = durability;
        this.clock = clock;
    }

    public Optional<FolderCheckpoint> find(String accountId, String folder) {
        return Optional.ofNullable(mongo.findById(FolderCheckpoint.idOf(accountId, folder), FolderCheckpoint.class));
    }

    public List<FolderCheckpoint> ofAccount(String accountId) {
        return mongo.find(Query.query(Criteria.where("accountId").is(accountId)), FolderCheckpoint.class);
    }

    /**
     * Starts the folder over under {@code uidValidity}: first sync, or the server renumbered the folder
     * (RFC 3501 §2.3.1.1). The initial walk covers UIDs up to {@code top}; nothing is ingested yet.
     */
    public FolderCheckpoint beginWalk(String accountId, String folder, long uidValidity, long top) {
        String id = FolderCheckpoint.idOf(accountId, folder);
        FolderCheckpoint begun = mongo.findAndModify(Query.query(Criteria.where("id").is(id)),
                new Update().set("accountId", accountId).set("folder", folder).set("uidValidity", uidValidity)
                        .set("lastUid", 0L).set("walkTop", top).set("walkBelow", top + 1).set("lastSyncAt", clock.instant()),
                FindAndModifyOptions.options().upsert(true).returnNew(true), FolderCheckpoint.class);
        durability.flush();
        return begun;
    }

    /** The walk has ingested every window message from {@code uid} up; false when that is no progress. */
    public boolean walkedDownTo(String accountId, String folder, long uidValidity, long uid) {
        return changed(Query.query(Criteria.where("id").is(FolderCheckpoint.idOf(accountId, folder))
                        .and("uidValidity").is(uidValidity).and("walkBelow").gt(uid)),
                new Update().set("walkBelow", uid).set("lastSyncAt", clock.instant()));
    }

    /** The walk is done: everything up to its top is in. */
    public boolean finishWalk(String accountId, String folder, long uidValidity, long top) {
        return changed(Query.query(Criteria.where("id").is(FolderCheckpoint.idOf(accountId, folder))
                        .and("uidValidity").is(uidValidity).and("walkTop").is(top)),
                new Update().set("lastUid", top).unset("walkTop").unset("walkBelow").set("lastSyncAt", clock.instant()));
    }

    /** Every message up to {@code uid} is ingested; false when the checkpoint was already there or beyond. */
    public boolean advance(String accountId, String folder, long uidValidity, long uid) {
        return changed(Query.query(Criteria.where("id").is(FolderCheckpoint.idOf(accountId, folder))
                        .and("uidValidity").is(uidValidity).and("walkTop").is(null).and("lastUid").lt(uid)),
                new Update().set("lastUid", uid).set("lastSyncAt", clock.instant()));
    }

    /** How many messages of the folder are still to fetch, at the last count (for the mailboxes page). */
    public void backlog(String accountId, String folder, long remaining) {
        mongo.updateFirst(Query.query(Criteria.where("id").is(FolderCheckpoint.idOf(accountId, folder))),
                Update.update("backlog", remaining), FolderCheckpoint.class);
    }

    /** A pass over the folder ended having handed {@code handed} messages on: nothing is left behind. */
    public void passDone(String accountId, String folder, long handed) {
        mongo.updateFirst(Query.query(Criteria.where("id").is(FolderCheckpoint.idOf(accountId, folder))),
                new Update().set("backlog", 0L).inc("messages", handed), FolderCheckpoint.class);
    }

    /** A pass found nothing new; records when. */
    public void touch(String accountId, String folder) {
        mongo.updateFirst(Query.query(Criteria.where("id").is(FolderCheckpoint.idOf(accountId, folder))),
                Update.update("lastSyncAt", clock.instant()), FolderCheckpoint.class);
    }

    private boolean changed(Query query, Update update) {
        boolean changed = mongo.updateFirst(query, update, FolderCheckpoint.class).getModifiedCount() > 0;
        if (changed) {
            durability.flush();
        }
        return changed;
    }
}
