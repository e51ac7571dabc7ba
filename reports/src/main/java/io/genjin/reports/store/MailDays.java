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
 * The users' days of mail ({@code report_mail_counts}, {@code report_mail_customer_counts},
 * {@code report_mail_sides}; docs/reports.md, "How the figures are kept"). Each user's day has one counts
 * document that moves with the sides that changed, never recounted from all of them. A quiet day keeps
 * its sides in that document too ({@code m.<message id>}, up to {@link #INLINE}), written in one go; a
 * busier day keeps each side in a small document of its own ({@code x}), so recording a message costs
 * the same on a quiet day and on a day that already holds fifty thousand (a flood into the dropbox, a
 * shared mailbox), where a day kept as one document was read, recounted and rewritten whole for every
 * message.
 *
 * <p>For a busy day the counts document is the ledger. A write reads it and the sides it records, works
 * out the new counts from the sides that changed (a side recorded again with the same content changes
 * nothing), and writes the counts together with those sides as pending ({@code pe}), over the revision
 * it read ({@code r}: another process that wrote in between makes it read again). Only then are the
 * sides written, the per-customer copy of the counts written, and the pending sides cleared. A crash
 * anywhere leaves the pending sides in the counts document: whoever writes that day next writes them
 * first, and an event delivered again finds its sides already counted. A quiet day that outgrows its
 * document moves all its sides out the same way, as pending sides. A quiet day's write is one document
 * (over its revision too), its per-customer copy written just before it: a crash between the two leaves
 * the copy ahead until the event, delivered again, writes the counts. So the counts always equal those
 * of the sides kept, as a rebuild from all messages writes them.
 */
final class MailDays {
    static final String SIDES = "report_mail_sides";
    /** Where a user's day of sides was one document ({@code m.<message id>}), before: dropped by the rebuild. */
    static final String DAYS_BEFORE = "report_mail_days";
    /**
     * How many sides a user's day keeps in its counts document ({@code m}); a day with more keeps each in
     * a document of its own ({@code x}), so every document stays small however busy the day.
     */
    static final int INLINE = 64;
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
            // Only a day whose sides went to documents of their own has any stored there.
            List<String> sideIds = new ArrayList<>();
            sidesByDay.forEach((key, sides) -> {
                if (spilled(counts.get(key))) {
                    sideIds.addAll(sides.keySet());
                }
            });
            Map<String, Document> stored = sideIds.isEmpty() ? Map.of() : byIds(SIDES, sideIds);
            List<RevisedWrites.Revised> writes = new ArrayList<>();
            List<Document> inline = new ArrayList<>();
            List<Document> spilling = new ArrayList<>();
            sidesByDay.forEach((key, sides) -> {
                Document before = counts.get(key);
                boolean spilled = spilled(before);
                Map<String, Document> kept = spilled ? new LinkedHashMap<>() : inlineSides(key, before);
                Map<String, Document> pending = pending(before);
                DayTally tally = DayTally.of(before);
                Map<String, Document> moved = new LinkedHashMap<>();
                sides.forEach((id, side) -> {
                    Document old = pending.containsKey(id) ? pending.get(id) : spilled ? stored.get(id) : kept.get(id);
                    if (!DayTally.same(old, side)) {
                        if (old != null) {
                            tally.add(old, -1);
                        }
                        tally.add(side, 1);
                        moved.put(id, side);
                    }
                });
                if (moved.isEmpty() && pending.isEmpty()) {
                    return;
                }
                long r = before == null ? 0 : revision(before);
                Document next = tally.counts(key);
                if (!spilled) {
                    kept.putAll(moved);
                }
                boolean stays = !spilled && kept.size() <= INLINE;
                if (stays) {
                    next.append("m", inlineDocument(kept.values()));
                } else {
                    // A day that outgrows its document moves every side out, as pending sides do.
                    next.append("x", true);
                    pending.putAll(spilled ? moved : kept);
                }
                next.append("r", r + 1);
                if (!stays) {
                    next.append("pe", new ArrayList<>(pending.values()));
                }
                writes.add(new RevisedWrites.Revised(next, before == null ? null : r));
                (stays ? inline : spilling).add(next);
            });
            writes.forEach(w -> changed.add(w.document().getString("_id")));
            // A day keeping its sides in its counts is written in one document: its per-customer copy first,
            // so a crash in between leaves the event to be delivered again, which writes the counts.
            writeCopies(inline);
            if (RevisedWrites.write(mongo, Rollups.MAIL_COUNTS, "r", writes)) {
                settle(spilling, id -> !stored.containsKey(id));
                return changed;
            }
            // Another process wrote some of these days in between: write what their counts now hold as
            // pending (theirs, or ours where ours went in), then count again from the sides stored.
            settle(byIds(Rollups.MAIL_COUNTS, spilling.stream().map(d -> d.getString("_id")).toList()).values().stream()
                    .filter(d -> !pending(d).isEmpty()).toList(), id -> false);
        }
        throw new IllegalStateException("the mail counts of " + sidesByDay.size() + " user days kept changing under "
                + ATTEMPTS + " attempts to write them");
    }

    /** Whether a day's sides are documents of their own (its counts document says so with {@code x}). */
    private static boolean spilled(Document counts) {
        return counts != null && Boolean.TRUE.equals(counts.get("x"));
    }

    /** The sides a day keeps in its counts document ({@code m.<message id>}), as side documents, by id. */
    private static Map<String, Document> inlineSides(String key, Document counts) {
        Map<String, Document> sides = new LinkedHashMap<>();
        Document m = counts == null ? null : counts.get("m", Document.class);
        if (m != null) {
            m.forEach((messageId, value) -> {
                Document side = new Document("_id", key + "|" + messageId).append("k", key).append("u", Rollups.userOf(key))
                        .append("m", messageId);
                side.putAll((Document) value);
                sides.put(side.getString("_id"), side);
            });
        }
        return sides;
    }

    /** Sides as a day's counts document keeps them: per message id, what {@link DayTally#add} counts. */
    private static Document inlineDocument(Collection<Document> sides) {
        Document m = new Document();
        for (Document side : sides) {
            m.append(side.getString("m"), DayTally.counted(side));
        }
        return m;
    }

    private void writeCopies(Collection<Document> counts) {
        if (!counts.isEmpty()) {
            BulkOperations copies = mongo.bulkOps(BulkMode.UNORDERED, Rollups.MAIL_CUSTOMER_COUNTS);
            counts.forEach(c -> copies.replaceOne(Rollups.idIs(c.getString("_id")), customerCopy(c), FindAndReplaceOptions.options().upsert()));
            copies.execute();
        }
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
        BulkOperations cleared = mongo.bulkOps(BulkMode.UNORDERED, Rollups.MAIL_COUNTS);
        for (Document c : counts) {
            pending(c).forEach((id, side) -> (wereAbsent.test(id) ? fresh : again).add(side));
            cleared.updateOne(Query.query(Criteria.where("_id").is(c.getString("_id")).and("r").is(revision(c))),
                    new Update().unset("pe"));
        }
        // another process may have stored one meanwhile: written again, as the others
        again.addAll(BulkInsert.duplicates(mongo, SIDES, fresh));
        if (!again.isEmpty()) {
            BulkOperations sides = mongo.bulkOps(BulkMode.UNORDERED, SIDES);
            again.forEach(side -> sides.replaceOne(Rollups.idIs(side.getString("_id")), side, FindAndReplaceOptions.options().upsert()));
            sides.execute();
        }
        writeCopies(counts);
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
            Document c = tally.counts(key);
            if (day.size() <= INLINE) {
                c.append("m", inlineDocument(day));
            } else {
                c.append("x", true);
                sides.addAll(day);
            }
            counts.add(c.append("r", 0L));
        });
        insertAll.accept(sides, SIDES);
        insertAll.accept(counts.stream().map(MailDays::customerCopy).toList(), Rollups.MAIL_CUSTOMER_COUNTS);
        insertAll.accept(counts, Rollups.MAIL_COUNTS);
    }

    /**
     * Every side of these users' days ({@code user|day}), per day, oldest first (a day without any is left
     * out): read as raw BSON from the days' counts documents, and through the index on the day for the
     * days whose sides are documents of their own, so a month of a team's mail builds no map per side.
     */
    void readSides(List<String> keys, BiConsumer<String, Object> sink) {
        Map<String, List<Rollups.Side>> byDay = new HashMap<>();
        List<String> spilled = new ArrayList<>();
        RawReads.byIds(mongo, Rollups.MAIL_COUNTS, keys, 500, reader -> {
            String key = null;
            boolean ownDocuments = false;
            List<Rollups.Side> sides = new ArrayList<>();
            reader.readStartDocument();
            while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                String field = reader.readName();
                if (field.equals("_id") && reader.getCurrentBsonType() == BsonType.STRING) {
                    key = reader.readString(); // always the first field
                } else if (field.equals("x") && reader.getCurrentBsonType() == BsonType.BOOLEAN) {
                    ownDocuments = reader.readBoolean();
                } else if (field.equals("m") && reader.getCurrentBsonType() == BsonType.DOCUMENT && key != null) {
                    String user = Rollups.userOf(key);
                    reader.readStartDocument();
                    while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                        String messageId = reader.readName();
                        sides.add(readSide(reader, messageId, user, null));
                    }
                    reader.readEndDocument();
                } else {
                    reader.skipValue();
                }
            }
            reader.readEndDocument();
            if (key != null) {
                if (ownDocuments) {
                    spilled.add(key);
                } else if (!sides.isEmpty()) {
                    byDay.put(key, sides);
                }
            }
        });
        if (!spilled.isEmpty()) {
            RawReads.byField(mongo, SIDES, "k", spilled, 500, reader -> {
                String[] key = new String[1];
                Rollups.Side side = readSide(reader, null, null, key);
                if (key[0] != null) {
                    byDay.computeIfAbsent(key[0], k -> new ArrayList<>()).add(side);
                }
            });
        }
        byDay.forEach((key, sides) -> {
            sides.sort(Comparator.comparing(Rollups.Side::at).thenComparing(Rollups.Side::messageId));
            sink.accept(key, List.copyOf(sides));
        });
    }

    /**
     * One side at the reader's position: a day's {@code m.<message id>} (the message and user given), or
     * a side's own document (they are read from it, and its day into {@code key[0]}).
     */
    private static Rollups.Side readSide(org.bson.BsonReader reader, String messageId, String userId, String[] key) {
        String message = messageId;
        String user = userId;
        long t = Long.MIN_VALUE;
        boolean sent = false;
        MailSide.Counterpart x = null;
        List<String> companies = List.of();
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            switch (reader.readName()) {
                case "k" -> {
                    String k = reader.readString();
                    if (key != null) {
                        key[0] = k;
                    }
                }
                case "u" -> user = reader.readString();
                case "m" -> message = reader.readString();
                case "t" -> t = reader.readDateTime();
                case "s" -> sent = reader.readBoolean();
                case "x" -> x = MailSide.Counterpart.valueOf(reader.readString());
                case "c" -> {
                    if (reader.getCurrentBsonType() == BsonType.ARRAY) {
                        companies = List.copyOf(Rollups.readStrings(reader));
                    } else {
                        reader.skipValue();
                    }
                }
                default -> reader.skipValue();
            }
        }
        reader.readEndDocument();
        return new Rollups.Side(message, user, Instant.ofEpochMilli(t), sent, x, companies);
    }

    /** {@link Rollups#byIds}, by id. */
    private Map<String, Document> byIds(String collection, Collection<String> ids) {
        Map<String, Document> found = new HashMap<>();
        Rollups.byIds(mongo, collection, ids).forEach(d -> found.put(d.getString("_id"), d));
        return found;
    }
}
