package io.genjin.store.message;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Messages, unique by Message-ID.
 *
 * <p>On the embedded store an update is served from an index only when its filter is the {@code _id}
 * alone; filtered on the Message-ID it reads the whole collection, which made every ingested message
 * cost a scan of all messages before it. There the ingestion's updates first look the {@code _id} up
 * by Message-ID (a unique-index lookup) and then update by {@code _id}.
 *
 * <p>What every ingested message does here (its insert, the look-ups by Message-ID) is written as
 * documents and read without the mapping ({@link io.genjin.store.StoredRecords}); the rest keeps it.
 *
 * <p>A message is finished (its events written, so a copy seen again is a duplicate) when it is marked
 * ({@code eventsPublished}), or when it was stored under a batch's publication key and that key is
 * published ({@link #store(StoredMessage, String)}, {@link #published}): one small write for a batch
 * instead of a rewrite of each of its messages.
 */
public class Messages {
    private final MongoOperations mongo;
    private final boolean embedded;
    /** Publication keys known to be published ({@link #isPublished}), oldest first. */
    private final java.util.Set<String> publishedKeys = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());

    public Messages(MongoOperations mongo) {
        this(mongo, false);
    }

    public Messages(MongoOperations mongo, boolean embedded) {
        this.mongo = mongo;
        this.embedded = embedded;
    }

    /** The query for one message by Message-ID, as the backend serves it from an index. */
    private Optional<Query> byId(String messageId) {
        if (!embedded) {
            return Optional.of(Query.query(Criteria.where("messageId").is(messageId)));
        }
        org.bson.Document found = idOf(messageId);
        return found == null ? Optional.empty() : Optional.of(Query.query(Criteria.where("_id").is(found.get("_id"))));
    }

    /** The stored {@code _id} (and these fields) of the message with this Message-ID, by its unique index; null if none. */
    private org.bson.Document idOf(String messageId, String... fields) {
        org.bson.Document projection = new org.bson.Document("_id", 1);
        for (String field : fields) {
            projection.append(field, 1);
        }
        return mongo.execute(mongo.getCollectionName(StoredMessage.class), c -> c.find(new org.bson.Document("messageId", messageId)).projection(projection).first());
    }

    /**
     * Stores the message unless one with the same Message-ID exists; either way the mailbox
     * reference is recorded on the stored one. Returns the stored message and whether it was new.
     */
    public Stored store(StoredMessage message) {
        return store(message, null);
    }

    /**
     * The same, for a message of a batch whose events are published together ({@link #published}): a
     * new message is stored with the batch's {@code publication} key, and is complete once that key
     * is published, with no write of its own. A message already stored keeps what it has (the caller
     * marks it: {@link #markEventsPublishedByIds}). Null: no key (the message is marked on its own).
     */
    public Stored store(StoredMessage message, String publication) {
        try {
            if (publication == null) {
                return new Stored(io.genjin.store.StoredRecords.insert(mongo, message), true);
            }
            if (message.id() == null) {
                throw new IllegalArgumentException("a message stored under a publication key carries its id");
            }
            org.bson.Document document = io.genjin.store.StoredRecords.write(message).append(PUBLICATION, publication);
            mongo.execute(mongo.getCollectionName(StoredMessage.class), c -> c.insertOne(document));
            return new Stored(message, true);
        } catch (DuplicateKeyException duplicate) {
            Optional<Query> stored = byId(message.messageId());
            for (MailboxRef ref : message.mailboxes()) {
                stored.ifPresent(q -> mongo.updateFirst(q, new Update().addToSet("mailboxes", ref), StoredMessage.class));
            }
            return new Stored(byMessageId(message.messageId()).orElseThrow(), false);
        }
    }

    /**
     * Records that a stored message was seen in one more mailbox, if its ingestion finished (its
     * events were published). A message stored by an ingestion that crashed before publishing is not
     * yet a duplicate: its redelivery must run the rest of the pipeline, or the events are lost. On
     * the embedded store the answer also says when no such message is stored at all, which spares the
     * linker its own look-up of the same Message-ID.
     */
    public Seen addMailboxIfComplete(String messageId, MailboxRef ref) {
        if (embedded) {
            org.bson.Document found = idOf(messageId, EVENTS_PUBLISHED, PUBLICATION);
            if (found == null) {
                return Seen.ABSENT;
            }
            return complete(found) ? addMailbox(found, ref) : Seen.NOT_ADDED;
        }
        Query complete = Query.query(new Criteria().andOperator(Criteria.where("messageId").is(messageId),
                Criteria.where(EVENTS_PUBLISHED).is(true)));
        if (mongo.updateFirst(complete, new Update().addToSet("mailboxes", ref), StoredMessage.class).getMatchedCount() > 0) {
            return Seen.ADDED;
        }
        // Not marked: complete all the same if its batch's key is published (its mark was not written yet).
        org.bson.Document found = idOf(messageId, EVENTS_PUBLISHED, PUBLICATION);
        return found != null && complete(found) ? addMailbox(found, ref) : Seen.NOT_ADDED;
    }

    private Seen addMailbox(org.bson.Document found, MailboxRef ref) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(found.get("_id"))), new Update().addToSet("mailboxes", ref),
                StoredMessage.class);
        return Seen.ADDED;
    }

    /** Marked, or stored under a publication key that is published. */
    private boolean complete(org.bson.Document found) {
        if (Boolean.TRUE.equals(found.get(EVENTS_PUBLISHED))) {
            return true;
        }
        return found.get(PUBLICATION) instanceof String key && isPublished(key);
    }

    /** Whether this publication key was published: known here once seen so (a published key stays published). */
    private boolean isPublished(String key) {
        if (publishedKeys.contains(key)) {
            return true;
        }
        boolean published = mongo.execute(PUBLICATIONS, c -> c.find(new org.bson.Document("_id", key)).first()) != null;
        if (published) {
            remember(key);
        }
        return published;
    }

    private void remember(String key) {
        synchronized (publishedKeys) {
            publishedKeys.add(key);
            if (publishedKeys.size() > PUBLISHED_KEYS_KEPT) {
                publishedKeys.remove(publishedKeys.iterator().next());
            }
        }
    }

    /**
     * Publishes a batch's key: every message stored under it ({@link #store(StoredMessage, String)}) is
     * complete from now on. One small insert for the whole batch, written after the batch's events (the
     * caller's order), instead of a rewrite of each of its messages. On MongoDB the messages stored
     * under it ({@code storedIds}) are also marked, so that a duplicate is still found complete by one
     * update there.
     */
    public void published(String key, List<String> storedIds) {
        if (!embedded) {
            markEventsPublishedByIds(storedIds);
        }
        try {
            mongo.execute(PUBLICATIONS, c -> c.insertOne(new org.bson.Document("_id", key).append("at", new java.util.Date())));
        } catch (DuplicateKeyException again) {
            // Published already: the same batch's key written twice is the same fact.
        }
        remember(key);
    }

    /**
     * Takes these messages out of the publication they were stored under: their ingestion stopped before
     * its events (a failure kept for replay), so the batch's key, once published, must not make them
     * complete. Written before the key is published.
     */
    public void unpublish(Collection<String> storedIds) {
        if (storedIds.isEmpty()) {
            return;
        }
        updateEach(storedIds, new org.bson.Document("$unset", new org.bson.Document(PUBLICATION, "")));
    }

    /**
     * One bulk write of the same update by {@code _id} for each message (the id as the mapping stores it,
     * {@link io.genjin.store.Ids#stored}), with no mapping of each update on the way.
     */
    private void updateEach(Collection<String> storedIds, org.bson.Document update) {
        List<com.mongodb.client.model.UpdateOneModel<org.bson.Document>> updates = new java.util.ArrayList<>(storedIds.size());
        for (String id : storedIds) {
            updates.add(new com.mongodb.client.model.UpdateOneModel<>(new org.bson.Document("_id", io.genjin.store.Ids.stored(id)),
                    update));
        }
        mongo.getCollection(mongo.getCollectionName(StoredMessage.class))
                .bulkWrite(updates, new com.mongodb.client.model.BulkWriteOptions().ordered(false));
    }

    /** What {@link #addMailboxIfComplete} found. */
    public enum Seen {
        /** Stored and complete: the mailbox is now recorded on it (a duplicate). */
        ADDED,
        /** No message with this Message-ID is stored (known on the embedded store, which looks it up first). */
        ABSENT,
        /** Not added: stored by an ingestion that did not finish, or (on MongoDB, one update) not known whether stored. */
        NOT_ADDED
    }

    /**
     * Marks the message's events as published, the last write of its ingestion. The embedded store
     * commits all writes in order, so a durable mark means the listeners' writes before it are too.
     * (A field outside the record: it matters to ingestion only, and older documents lack it.)
     */
    public void markEventsPublished(String messageId) {
        byId(messageId).ifPresent(q -> mongo.updateFirst(q, Update.update(EVENTS_PUBLISHED, true), StoredMessage.class));
    }

    /** The same, for a message whose stored id the caller holds: one update by {@code _id}, no lookup. */
    public void markEventsPublishedById(String storedId) {
        markEventsPublishedByIds(List.of(storedId));
    }

    /**
     * The same for many messages at once (a batch's): one bulk write of an update by {@code _id} per
     * message. (One update with {@code $in} of the ids made the embedded server read every message.)
     * The updates are written as documents, the id as the mapping stores it ({@link io.genjin.store.Ids#stored}),
     * with no mapping of each update on the way.
     */
    public void markEventsPublishedByIds(List<String> storedIds) {
        if (storedIds.isEmpty()) {
            return;
        }
        updateEach(storedIds, new org.bson.Document("$set", new org.bson.Document(EVENTS_PUBLISHED, true)));
    }

    private static final String EVENTS_PUBLISHED = "eventsPublished";
    /** The key of the batch a message was stored in, complete once {@link #PUBLICATIONS} holds it (outside the record too). */
    private static final String PUBLICATION = "publication";
    /** One small document per published batch key. */
    static final String PUBLICATIONS = "message_publications";
    /** Published keys remembered (insertion order, oldest dropped): the recent batches' duplicates read none. */
    private static final int PUBLISHED_KEYS_KEPT = 4096;

    public Optional<StoredMessage> byMessageId(String messageId) {
        if (messageId == null) {
            return Optional.empty();
        }
        return io.genjin.store.StoredRecords.find(mongo, StoredMessage.class, new org.bson.Document("messageId", messageId), null, 1)
                .stream().findFirst();
    }

    /**
     * The stored messages with these Message-IDs, in their order (those not stored left out): one
     * unique-index query per 500 ids instead of one per message.
     */
    public List<StoredMessage> byMessageIds(List<String> messageIds) {
        java.util.Map<String, StoredMessage> found = new java.util.HashMap<>();
        for (int i = 0; i < messageIds.size(); i += 500) {
            List<String> ids = messageIds.subList(i, Math.min(messageIds.size(), i + 500));
            io.genjin.store.StoredRecords.find(mongo, StoredMessage.class, byMessageIdIn(ids), null, 0)
                    .forEach(m -> found.put(m.messageId(), m));
        }
        return messageIds.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    private static org.bson.Document byMessageIdIn(Collection<String> messageIds) {
        return new org.bson.Document("messageId", new org.bson.Document("$in", List.copyOf(messageIds)));
    }

    /** The most recent already-linked message among these Message-IDs (a reply's thread). */
    public Optional<StoredMessage> latestLinkedAmong(Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Optional.empty();
        }
        // At most 33 ids, each a unique-index hit: fetch them alone and choose here. With the extra
        // criterion and the sort in the query the embedded server scanned the collection instead.
        return io.genjin.store.StoredRecords.find(mongo, StoredMessage.class, byMessageIdIn(messageIds), null, 0).stream()
                .filter(m -> !m.companyIds().isEmpty())
                .max(java.util.Comparator.comparing(StoredMessage::sentAt, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
    }

    public List<StoredMessage> ofCompany(String companyId, int limit) {
        return mongo.find(Query.query(onTimelineOf(companyId))
                .with(Sort.by(Sort.Direction.DESC, "sentAt")).limit(limit), StoredMessage.class);
    }

    /** On this customer's timeline: among its customers, or (documents from before several) its one customer. */
    private static Criteria onTimelineOf(String companyId) {
        return new Criteria().orOperator(Criteria.where("companyIds").is(companyId), Criteria.where("companyId").is(companyId));
    }

    /**
     * A merge: every message of one customer becomes the other's, its link reasons included (a link
     * still naming the loser would hide why the message is on the survivor's timeline, and a later
     * correction, which rebuilds the customers from the links, would put the loser back). One update
     * by {@code _id} per message, each taking it out of the query, so a re-run finishes the job.
     */
    public long moveAll(String fromCompanyId, String toCompanyId) {
        Query naming = Query.query(new Criteria().orOperator(Criteria.where("companyIds").is(fromCompanyId),
                Criteria.where("companyId").is(fromCompanyId), Criteria.where("links.companyId").is(fromCompanyId)))
                .limit(MOVE_BATCH);
        long moved = 0;
        for (List<StoredMessage> batch = mongo.find(naming, StoredMessage.class); !batch.isEmpty();
                batch = mongo.find(naming, StoredMessage.class)) {
            for (StoredMessage m : batch) {
                List<String> companyIds = m.companyIds().stream().map(id -> id.equals(fromCompanyId) ? toCompanyId : id)
                        .distinct().toList();
                String first = fromCompanyId.equals(m.companyId()) ? toCompanyId : m.companyId();
                List<MessageLink> links = m.links().stream().map(l -> fromCompanyId.equals(l.companyId())
                        ? new MessageLink(toCompanyId, l.step(), l.detail(), l.byUserId(), l.reason(), l.at()) : l)
                        .distinct().toList();
                mongo.updateFirst(Query.query(Criteria.where("id").is(m.id())), new Update().set("companyId", first)
                        .set("companyIds", companyIds).set("links", links), StoredMessage.class);
                moved++;
            }
        }
        return moved;
    }

    /** How many messages are on this customer's timeline. */
    public long count(String companyId) {
        return mongo.count(Query.query(onTimelineOf(companyId)), StoredMessage.class);
    }

    private static final int MOVE_BATCH = 200;

    /**
     * Replaces a stored message's customers and their reasons (a person's correction), by {@code _id}.
     * {@code links} may also keep links that were taken away (their step says so); no customers hold
     * the message back with {@code heldStep} and {@code heldDetail}.
     */
    public void relink(String storedId, List<String> companyIds, List<String> contactIds, List<MessageLink> links,
            String heldStep, String heldDetail) {
        Update update = new Update().set("companyId", companyIds.isEmpty() ? null : companyIds.get(0))
                .set("companyIds", companyIds).set("links", links).set("contactIds", contactIds)
                .set("heldStep", companyIds.isEmpty() ? heldStep : null)
                .set("heldDetail", companyIds.isEmpty() ? heldDetail : null);
        mongo.updateFirst(Query.query(Criteria.where("id").is(storedId)), update, StoredMessage.class);
    }

    /**
     * The messages of one conversation (same {@code threadKey}), oldest first, at most {@code limit}.
     * Each message is one document however many mailboxes it was seen in, so each is listed once.
     */
    public List<StoredMessage> inThread(String threadKey, int limit) {
        if (threadKey == null) {
            return List.of();
        }
        return mongo.find(Query.query(Criteria.where("threadKey").is(threadKey))
                .with(Sort.by(Sort.Direction.ASC, "sentAt", "id")).limit(limit), StoredMessage.class);
    }

    /**
     * Every stored message, read in one pass (rebuilding the search index), a cursor batch at a time
     * (without a batch size the embedded server answers with every message in one reply, which it
     * refuses beyond 48 MB); the caller closes the stream.
     */
    public java.util.stream.Stream<StoredMessage> streamAll() {
        return mongo.stream(new Query().cursorBatchSize(io.genjin.store.OnePass.PAGE), StoredMessage.class);
    }

    /** The same with only these fields read (the others are empty in what it returns). */
    public java.util.stream.Stream<StoredMessage> streamAll(String... fields) {
        Query query = new Query().cursorBatchSize(io.genjin.store.OnePass.PAGE);
        query.fields().include(fields);
        return mongo.stream(query, StoredMessage.class);
    }

    /** Messages stored at or after this instant, in one pass (catching the search index up); the caller closes it. */
    public java.util.stream.Stream<StoredMessage> streamStoredSince(java.time.Instant since) {
        return mongo.stream(Query.query(Criteria.where("storedAt").gte(since)).cursorBatchSize(io.genjin.store.OnePass.PAGE),
                StoredMessage.class);
    }

    public long count() {
        return mongo.count(new Query(), StoredMessage.class);
    }

    public Optional<StoredMessage> find(String storedId) {
        return Optional.ofNullable(mongo.findById(storedId, StoredMessage.class));
    }

    /**
     * Messages held back from every timeline, newest first, seen in these users' mailboxes (all
     * mailboxes when {@code mailboxOwners} is null).
     */
    public List<StoredMessage> held(Collection<String> mailboxOwners, int offset, int limit) {
        Criteria held = Criteria.where("heldStep").ne(null);
        Criteria c = mailboxOwners == null ? held
                : new Criteria().andOperator(held, Criteria.where("mailboxes.userId").in(mailboxOwners));
        return mongo.find(Query.query(c).with(Sort.by(Sort.Direction.DESC, "sentAt", "id")).skip(offset).limit(limit),
                StoredMessage.class);
    }

    /** Points every message that names one contact at another (a contact merge); re-runnable. */
    public long replaceContact(String fromContactId, String toContactId) {
        Query naming = Query.query(Criteria.where("contactIds").is(fromContactId));
        mongo.updateMulti(naming, new Update().addToSet("contactIds", toContactId), StoredMessage.class);
        return mongo.updateMulti(naming, new Update().pull("contactIds", fromContactId), StoredMessage.class)
                .getModifiedCount();
    }

    /** The outcome of {@link #store}: the message as stored, and whether this call created it. */
    public record Stored(StoredMessage message, boolean created) {
    }
}
