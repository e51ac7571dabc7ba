package io.genjin.followup.sequence;

import java.time.Clock;
import java.util.Random;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;

/**
 * The sequence part of the store, built over a {@link MongoOperations} like the others. Indexes:
 * one active enrolment per contact (sparse unique {@code activeContact}); the due scan
 * ({@code status, dueAt}, a plain index a real MongoDB builds and the embedded server scans for).
 */
public record SequenceStore(Sequences sequences, Enrollments enrollments, Unsubscribes unsubscribes, SendZones zones,
        DeliveryBudget budget) {

    public static SequenceStore over(MongoOperations mongo, Clock clock, Random random, SequenceSettings settings) {
        mongo.indexOps(Enrollment.class).createIndex(new Index().on("activeContact", Direction.ASC).unique().sparse()
                .named("enrollment_active_contact"));
        mongo.indexOps(Enrollment.class).createIndex(new Index().on("status", Direction.ASC).on("dueAt", Direction.ASC)
                .named("enrollment_due"));
        mongo.indexOps(Enrollment.class).createIndex(new Index().on("sequenceId", Direction.ASC)
                .named("enrollment_sequence"));
        return new SequenceStore(new Sequences(mongo), new Enrollments(mongo, clock), new Unsubscribes(mongo),
                new SendZones(mongo, settings.defaultZone()), new DeliveryBudget(mongo, clock, random, settings));
    }
}
