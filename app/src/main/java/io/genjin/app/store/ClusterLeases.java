package io.genjin.app.store;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Leases in the store ({@code shedLock} collection) so a job runs on one replica at a time. Built here
 * because it speaks the Mongo driver, which stays in the store wiring. On the embedded server the
 * lease is the same atomic upsert on {@code _id} a real MongoDB does.
 */
public final class ClusterLeases {
    private ClusterLeases() {
    }

    public static LockProvider over(MongoOperations mongo) {
        return new MongoLockProvider(mongo.getCollection("shedLock"));
    }
}
