package io.genjin.followup.sequence;

import java.time.Instant;
import java.util.Locale;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;

/** Addresses that asked not to get sequence mail again; checked at every enrolment and every send. */
public final class Unsubscribes {
    private final MongoOperations mongo;

    Unsubscribes(MongoOperations mongo) {
        this.mongo = mongo;
    }

    public void add(String address, String enrollmentId, Instant at) {
        String key = address.trim().toLowerCase(Locale.ROOT);
        if (!contains(key)) {
            mongo.save(new Unsubscribe(key, enrollmentId, at));
        }
    }

    public boolean contains(String address) {
        return address != null && mongo.findById(address.trim().toLowerCase(Locale.ROOT), Unsubscribe.class) != null;
    }

    @Document("sequence_unsubscribes")
    record Unsubscribe(@Id String address, String enrollmentId, Instant at) {
    }
}
