package io.genjin.reports.store;

import io.genjin.reports.activity.MailSide;
import io.genjin.store.BulkInsert;
import io.genjin.store.RawReads;
import io.genjin.store.RevisedWrites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.bson.BsonType;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The users' days of mail ({@code report_mail_sides}, {@code report_mail_counts},
 * {@code report_mail_customer_counts}; docs/reports.md, "How the figures are kept"). Each side of a
 * message is a small document of its own, and each user's day has one counts document that moves with
 * the sides that changed: so recording a message costs the same on a quiet day and on a day that
 * already holds fifty thousand messages (a flood into the dropbox, a shared mailbox), where a day kept
 * as one document was read, recounted and rewritten whole for every message.
 *
 * <p>The counts document is the ledger. A write reads it and the sides it records, works out the new
 * counts from the sides that changed (a side recorded again with the same content changes nothing), and
 * writes the counts together with those sides as pending ({@code pe}), over the revision it read
 * ({@code r}: another process that wrote in between makes it read again). Only then are the sides
 * written, the per-customer copy of the counts written, and the pending sides cleared. A crash anywhere
 * leaves the pending sides in the counts document: whoever writes that day next writes them first, and
 * an event delivered again finds its sides already counted. So the counts always equal those of the sides
 * stored plus the pending ones, as a rebuild from all messages writes them.
 */
final class MailDays {
    static final String SIDES = "report_mail_sides";
    /** Where a user's day of sides was one document ({@code m.<message id>}), before: dropped by the rebuild. */
    static final String DAYS_BEFORE = "report_mail_days";
    /** How often a write reads again when other processes keep writing the same days before it. */
    private static final int ATTEMPTS = 50;

    private final MongoOperations mongo;

    MailDays(MongoOperations mongo) {
        this.mongo = mongo;
        indexSidesByDay();
    }

    /** The unique index on the user's day and the side's id that reads a day's sides. */
    void indexSidesByDay() {
        mongo.indexOps(SIDES).createIndex(new Index().on("k", Sort.Direction.ASC).on("_id", Sort.Direction.ASC).unique()
                .named("sides_by_day"));
    }

    /**
     * One side of one message as kept: {@code _id} the user's day and the message's stored id, {@code k}
     * the user's day ({@code user|day}), {@code u} the user, {@code m} the message, and what
     * {@link DayTally#add} counts.
     */
    static Document side(String key, String userId, String messageId, MailSide side) {
        Document d = new Document("_id", key + "|" + messageId).append("k", key).append("u", userId).append("m", messageId);
        d.putAll(DayTally.side(Date.from(side.at()), side.sent(), side.counterpart(), side.companyIds()));
        return d;
    }

    /**
     * Writes these users' days' sides (per day key, per side id) and moves their counts; returns the days
     * whose documents changed (a side recorded again as it was changes nothing). The caller holds the
     * days' locks, so in one process no two writes of a day overlap; between processes, the revision does.
     */
    Set<String> write(Map<String, Map<String, Document>> sidesByDay) {
        Set<String> changed = new LinkedHashSet<>();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Map<String, Document> counts = byIds(Rollups.MAIL_COUNTS, sidesByDay.keySet());
            // A day without counts has no sides stored either (they are written after its counts).
            List<String> sideIds = new ArrayList<>();
            sidesByDay.forEach((key, sides) -> {
                if (counts.containsKey(key)) {
                    sideIds.addAll(sides.keySet());
                }
            });
            Map<String, Document> stored = sideIds.isEmpty() ? Map.of() : byIds(SIDES, sideIds);
            List<RevisedWrites.Revised> writes = new ArrayList<>();
            List<Document> written = new ArrayList<>();
            sidesByDay.forEach((key, sides) -> {
                Document before = counts.get(key);
                Map<String, Document> pending = pending(before);
                DayTally tally = DayTally.of(before);
                sides.forEach((id, side) -> {
                    Document old = pending.containsKey(id) ? pending.get(id) : stored.get(id);
                    if (!DayTally.same(old, side)) {
                        if (old != null) {
                            tally.add(old, -1);
                        }
                        tally.add(side, 1);
                        pending.put(id, side);
                    }
                });
                if (!pending.isEmpty()) {
                    long r = before == null ? 0 : revision(before);
                    int bar = key.lastIndexOf('|');
                    Document next = tally.counts(key, key.substring(0, bar), key.substring(bar + 1)).append("r", r + 1)
                            .append("pe", new ArrayList<>(pending.values()));
                    writes.add(new RevisedWrites.Revised(next, before == null ? null : r));
                    written.add(next);
                }
            });
            written.forEach(d -> changed.add(d.getString("_id")));
            if (RevisedWrites.write(mongo, Rollups.MAIL_COUNTS, "r", writes)) {
                settle(written, id -> !stored.containsKey(id));
                return changed;
            }
            // Another process wrote some of these days in between: write what their counts now hold as
            // pending (theirs, or ours where ours went in), then count again from the sides stored.
            settle(byIds(Rollups.MAIL_COUNTS, written.stream().map(d -> d.getString("_id")).toList()).values().stream()
                    .filter(d -> !pending(d).isEmpty()).toList(), id -> false);
        }
        throw new IllegalStateException("the mail counts of " + sidesByDay.size() + " user days kept changing under "
                + ATTEMPTS + " attempts to write them");
    }

    /**
     * Completes counts documents written with pending sides: the sides written, the per-customer copy of
     * the counts written, then the pending sides cleared (unless another write moved the revision on).
     * Sides none was stored for when they were read ({@code wereAbsent}) are inserted, the others written
     * again over what is there.
     */
    private void settle(Collection<Document> counts, java.util.function.Predicate<String> wereAbsent) {
        if (counts.isEmpty()) {
            return;
        }
        List<Document> fresh = new ArrayList<>();
        List<Document> again = new ArrayList<>();
        BulkOperations copies = mongo.bulkOps(BulkMode.UNORDERED, Rollups.MAIL_CUSTOMER_COUNTS);
        BulkOperations cleared = mongo.bulkOps(BulkMode.UNORDERED, Rollups.MAIL_COUNTS);
        for (Document c : counts) {
            pending(c).forEach((id, side) -> (wereAbsent.test(id) ? fresh : again).add(side));
            copies.replaceOne(idIs(c.getString("_id")), customerCopy(c), FindAndReplaceOptions.options().upsert());
            cleared.updateOne(Query.query(Criteria.where("_id").is(c.getString("_id")).and("r").is(revision(c))),
                    new Update().unset("pe"));
        }
        // another process may have stored one meanwhile: written again, as the others
        again.addAll(BulkInsert.duplicates(mongo, SIDES, fresh));
        if (!again.isEmpty()) {
            BulkOperations sides = mongo.bulkOps(BulkMode.UNORDERED, SIDES);
            again.forEach(side -> sides.replaceOne(idIs(side.getString("_id")), side, FindAndReplaceOptions.options().upsert()));
            sides.execute();
        }
        copies.execute();
        cleared.execute();
    }

    /** The per-customer counts of a day ({@code report_mail_customer_counts}): read alone by reports filtered on customers. */
    static Document customerCopy(Document counts) {
        return new Document("_id", counts.getString("_id")).append("u", counts.getString("u")).append("d", counts.getString("d"))
                .append("p", counts.get("p"));
    }

    /** The pending sides of a counts document, by id, in order (none: empty). */
    private static Map<String, Document> pending(Document counts) {
        Map<String, Document> pending = new LinkedHashMap<>();
        if (counts != null) {
            counts.getList("pe", Document.class, List.of()).forEach(side -> pending.put(side.getString("_id"), side));
        }
        return pending;
    }

    private static long revision(Document counts) {
        return counts.get("r") instanceof Number n ? n.longValue() : 0;
    }

    /**
     * Every side of all messages (a rebuild): the sides' documents, and each day's counts and per-customer
     * copy counted from them, written into emptied collections.
     */
    void rebuild(Map<String, List<Document>> sidesByDay, java.util.function.BiConsumer<Collection<Document>, String> insertAll) {
        List<Document> sides = new ArrayList<>();
        List<Document> counts = new ArrayList<>();
        sidesByDay.forEach((key, day) -> {
            DayTally tally = new DayTally();
            day.forEach(side -> tally.add(side, 1));
            int bar = key.lastIndexOf('|');
            counts.add(tally.counts(key, key.substring(0, bar), key.substring(bar + 1)).append("r", 0L));
            sides.addAll(day);
        });
        insertAll.accept(sides, SIDES);
        insertAll.accept(counts.stream().map(MailDays::customerCopy).toList(), Rollups.MAIL_CUSTOMER_COUNTS);
        insertAll.accept(counts, Rollups.MAIL_COUNTS);
    }

    /**
     * Every side of these users' days ({@code user|day}), per day, oldest first (a day without any is left
     * out): read as raw BSON through the index on the day, so a month of a team's mail builds no map per side.
     */
    void readSides(List<String> keys, BiConsumer<String, Object> sink) {
        Map<String, List<Rollups.Side>> byDay = new HashMap<>();
        RawReads.byField(mongo, SIDES, "k", keys, 500, reader -> {
            String key = null;
            String user = null;
            String messageId = null;
            long t = Long.MIN_VALUE;
            boolean sent = false;
            MailSide.Counterpart x = null;
            List<String> companies = List.of();
            reader.readStartDocument();
            while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                switch (reader.readName()) {
                    case "k" -> key = reader.readString();
                    case "u" -> user = reader.readString();
                    case "m" -> messageId = reader.readString();
                    case "t" -> t = reader.readDateTime();
                    case "s" -> sent = reader.readBoolean();
                    case "x" -> x = MailSide.Counterpart.valueOf(reader.readString());
                    case "c" -> {
                        if (reader.getCurrentBsonType() == BsonType.ARRAY) {
                            companies = readStrings(reader);
                        } else {
                            reader.skipValue();
                        }
                    }
                    default -> reader.skipValue();
                }
            }
            reader.readEndDocument();
            if (key != null) {
                byDay.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new Rollups.Side(messageId, user, Instant.ofEpochMilli(t), sent, x, companies));
            }
        });
        byDay.forEach((key, sides) -> {
            sides.sort(Comparator.comparing(Rollups.Side::at).thenComparing(Rollups.Side::messageId));
            sink.accept(key, List.copyOf(sides));
        });
    }

    private static List<String> readStrings(org.bson.BsonReader reader) {
        List<String> read = new ArrayList<>(1);
        reader.readStartArray();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            read.add(reader.readString());
        }
        reader.readEndArray();
        return List.copyOf(read);
    }

    private Map<String, Document> byIds(String collection, Collection<String> ids) {
        Map<String, Document> found = new HashMap<>();
        List<String> all = List.copyOf(ids);
        for (int i = 0; i < all.size(); i += 500) {
            mongo.find(Query.query(Criteria.where("_id").in(all.subList(i, Math.min(all.size(), i + 500)))), Document.class,
                    collection).forEach(d -> found.put(d.getString("_id"), d));
        }
        return found;
    }

    private static Query idIs(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
