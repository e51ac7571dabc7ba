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

    /** How many of the named leases some process holds now (their {@code lockUntil} is ahead). */
    public static int held(MongoOperations mongo, java.util.List<String> names) {
        org.bson.Document query = new org.bson.Document("_id", new org.bson.Document("$in", names));
        java.util.Date now = new java.util.Date();
        int held = 0;
        for (org.bson.Document lease : mongo.getCollection("shedLock").find(query)) {
            java.util.Date until = lease.getDate("lockUntil");
            if (until != null && until.after(now)) {
                held++;
            }
        }
        return held;
    }
}
