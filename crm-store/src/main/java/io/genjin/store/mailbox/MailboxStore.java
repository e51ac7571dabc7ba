package io.genjin.store.mailbox;

import io.genjin.store.Durability;
import java.time.Clock;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;

/**
 * The mailbox-sync part of the store: accounts, folder checkpoints, status, and which replica syncs
 * each mailbox. Built over a
 * {@link MongoOperations} like {@code CrmStore}; kept beside it rather than inside so the sync
 * feature can be wired (and left out) on its own.
 */
public record MailboxStore(MailboxAccounts accounts, FolderCheckpoints checkpoints, MailboxStatuses statuses,
        MailboxLeases leases) {

    public static MailboxStore over(MongoOperations mongo, SecretCipher cipher, Durability durability, Clock clock) {
        return over(mongo, cipher, durability, clock, TokenRefresher.NONE);
    }

    /** With {@code refresher} renewing OAuth access tokens before they expire. */
    public static MailboxStore over(MongoOperations mongo, SecretCipher cipher, Durability durability, Clock clock,
            TokenRefresher refresher) {
        ensureIndexes(mongo);
        return new MailboxStore(new MailboxAccounts(mongo, cipher, clock, refresher), new FolderCheckpoints(mongo, durability, clock),
                new MailboxStatuses(mongo, clock), new MailboxLeases(mongo, clock));
    }

    /** Same pattern as {@code StoreIndexes}: the checkpoint's identity is (account, folder), enforced. */
    static void ensureIndexes(MongoOperations mongo) {
        mongo.indexOps(FolderCheckpoint.class).createIndex(new Index().on("accountId", Direction.ASC)
                .on("folder", Direction.ASC).unique().named("checkpoint_folder"));
        mongo.indexOps(MailboxAccount.class).createIndex(new Index().on("userId", Direction.ASC)
                .on("host", Direction.ASC).on("username", Direction.ASC).unique().named("mailbox_login"));
    }
}
