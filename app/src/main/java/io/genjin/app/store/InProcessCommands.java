package io.genjin.app.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoSocketWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.ServerCursor;
import com.mongodb.WriteError;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteInsert;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.BulkWriteUpsert;
import com.mongodb.client.ClientSession;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.DeleteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.InsertOneOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.DeleteResult;
import com.mongodb.client.result.InsertManyResult;
import com.mongodb.client.result.InsertOneResult;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.exception.MongoServerException;
import io.genjin.store.embedded.EmbeddedBackend;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands this process sends its embedded store most, answered by the store's command handler
 * directly: finds, inserts of one or many documents, updates, replacements, deletes, bulk writes and
 * find-and-modify updates, given as documents (what Spring Data sends). They skip the driver's command machinery, the wire encoding both ways and the
 * server's wire decoder, which together cost more than the store's own work on a typical lookup by
 * a unique key. Everything else (sessions, options the handler would need the wire for, cursors
 * read in batches, other document classes, GridFS) goes to the driver over {@link InProcessTransport}
 * as before.
 *
 * <p>What the caller sees is what the driver would give it: the same documents (values converted as
 * the wire carries them, {@link StoreValues}), the same results, and the same exceptions by code
 * ({@link MongoWriteException} for a refused write, {@link MongoCommandException} for a refused
 * command), so Spring's translation (a duplicate key to {@code DuplicateKeyException}) is unchanged.
 * {@code InProcessCommandsTest} runs each command both ways and compares.
 */
final class InProcessCommands {
    private static final Logger log = LoggerFactory.getLogger(InProcessCommands.class);

    private InProcessCommands() {
    }

    /**
     * The client, with its databases' collections answering the frequent commands in-process; once
     * {@code closed} says so, they fail as the driver's closed in-process connections do (a
     * {@link MongoSocketWriteException}: the store is unreachable, nothing was written).
     */
    static MongoClient over(MongoClient client, EmbeddedBackend backend, ServerAddress address, BooleanSupplier closed) {
        Store store = new Store(backend, address, closed);
        return proxy(MongoClient.class, client, (method, args) -> {
            Object result = method.invoke(client, args);
            return result instanceof MongoDatabase database ? database(database, store) : result;
        });
    }

    private static MongoDatabase database(MongoDatabase database, Store store) {
        return proxy(MongoDatabase.class, database, (method, args) -> {
            Object result = method.invoke(database, args);
            if (result instanceof MongoDatabase other) {
                return database(other, store);
            }
            return result instanceof MongoCollection<?> collection ? collection(collection, store) : result;
        });
    }

    private static MongoCollection<?> collection(MongoCollection<?> collection, Store store) {
        Commands commands = new Commands(collection, store);
        return proxy(MongoCollection.class, collection, (method, args) -> {
            Object direct = commands.tryDirect(method, args);
            if (direct != NOT_DIRECT) {
                return direct;
            }
            Object result = method.invoke(collection, args);
            return result instanceof MongoCollection<?> other ? collection(other, store) : result;
        });
    }

    private static final Object NOT_DIRECT = new Object();

    /** The embedded store, the address its errors name, and whether its connections are closed. */
    record Store(EmbeddedBackend backend, ServerAddress address, BooleanSupplier closed) {
        de.bwaldvogel.mongo.bson.Document run(String database, de.bwaldvogel.mongo.bson.Document command) {
            if (closed.getAsBoolean()) {
                throw new MongoSocketWriteException("in-process connection closed", address, new IOException("closed"));
            }
            try {
                return backend.run(database, command);
            } catch (MongoServerException e) {
                if (!(e instanceof DuplicateKeyError)) {
                    log.warn("the embedded store refused {} on {}.{}: {}", command.keySet().iterator().next(), database,
                            command.values().iterator().next(), e.getMessageWithoutErrorCode());
                }
                throw refused(e);
            } catch (RuntimeException e) {
                log.error("the embedded store failed {} on {}.{}", command.keySet().iterator().next(), database,
                        command.values().iterator().next(), e);
                MongoCommandException failed = new MongoCommandException(new BsonDocument("ok", new BsonInt32(0))
                        .append("errmsg", new BsonString("Unknown error: " + e.getMessage())), address);
                failed.initCause(e);
                throw failed;
            }
        }

        /** As the wire handler answers a refused command, and the driver throws it. */
        private MongoCommandException refused(MongoServerException e) {
            BsonDocument answer = new BsonDocument("ok", new BsonInt32(0)).append("errmsg",
                    new BsonString(e.getMessageWithoutErrorCode()));
            if (e instanceof MongoServerError error) {
                answer.append("code", new BsonInt32(error.getCode()));
                if (error.getCodeName() != null) {
                    answer.append("codeName", new BsonString(error.getCodeName()));
                }
            }
            MongoCommandException refused = new MongoCommandException(answer, address);
            refused.initCause(e);
            return refused;
        }
    }

    /** One collection's commands; {@link #tryDirect} answers {@link #NOT_DIRECT} for what the driver must do. */
    private static final class Commands {
        private final MongoCollection<?> collection;
        private final Store store;
        private final String database;
        private final String name;
        private final CodecRegistry codecs;
        private final boolean direct;

        Commands(MongoCollection<?> collection, Store store) {
            this.collection = collection;
            this.store = store;
            this.database = collection.getNamespace().getDatabaseName();
            this.name = collection.getNamespace().getCollectionName();
            this.codecs = collection.getCodecRegistry();
            this.direct = collection.getDocumentClass() == Document.class && collection.getWriteConcern().isAcknowledged()
                    && !name.startsWith("system.");
        }

        Object tryDirect(Method method, Object[] args) {
            Class<?>[] types = method.getParameterTypes();
            if (!direct || types.length > 0 && types[0] == ClientSession.class) {
                return NOT_DIRECT;
            }
            return switch (method.getName()) {
                case "find" -> find(args == null ? new Object[0] : args);
                case "insertOne" -> insertOne(args);
                case "insertMany" -> insertMany(args);
                case "updateOne" -> update(args, false);
                case "updateMany" -> update(args, true);
                case "replaceOne" -> replaceOne(args);
                case "deleteOne" -> delete(args, false);
                case "deleteMany" -> delete(args, true);
                case "bulkWrite" -> bulkWrite(args);
                case "findOneAndUpdate" -> findOneAndUpdate(args);
                default -> NOT_DIRECT;
            };
        }

        private Object find(Object[] args) {
            Bson filter = null;
            for (Object arg : args) {
                if (arg instanceof Class<?> type && type != Document.class) {
                    return NOT_DIRECT;
                }
                if (arg instanceof Bson bson) {
                    filter = bson;
                }
            }
            return new Find(this, filter).proxy();
        }

        private Object insertOne(Object[] args) {
            if (args.length > 1 && !plain((InsertOneOptions) args[1])) {
                return NOT_DIRECT;
            }
            Write insert = insert(args[0], 0);
            if (insert == null) {
                return NOT_DIRECT;
            }
            Outcome outcome = write(List.of(insert), true);
            outcome.refuseAsOneWrite();
            return InsertOneResult.acknowledged(insert.id());
        }

        private Object insertMany(Object[] args) {
            boolean ordered = true;
            if (args.length > 1) {
                InsertManyOptions options = (InsertManyOptions) args[1];
                if (options.getBypassDocumentValidation() != null || options.getComment() != null) {
                    return NOT_DIRECT;
                }
                ordered = options.isOrdered();
            }
            List<Write> inserts = writes((List<?>) args[0], this::insert);
            if (inserts == null) {
                return NOT_DIRECT;
            }
            Outcome outcome = write(inserts, ordered);
            outcome.refuseAsBulk();
            Map<Integer, BsonValue> ids = new LinkedHashMap<>();
            inserts.forEach(insert -> ids.put(insert.index(), insert.id()));
            return InsertManyResult.acknowledged(ids);
        }

        private Object update(Object[] args, boolean multi) {
            if (args.length > 2 && !plain((UpdateOptions) args[2])) {
                return NOT_DIRECT;
            }
            boolean upsert = args.length > 2 && ((UpdateOptions) args[2]).isUpsert();
            Write update = update(args[0], args[1], multi, upsert, 0, false);
            return update == null ? NOT_DIRECT : oneUpdate(update);
        }

        private Object replaceOne(Object[] args) {
            if (args.length > 2 && !plain((ReplaceOptions) args[2])) {
                return NOT_DIRECT;
            }
            boolean upsert = args.length > 2 && ((ReplaceOptions) args[2]).isUpsert();
            Write replace = update(args[0], args[1], false, upsert, 0, true);
            return replace == null ? NOT_DIRECT : oneUpdate(replace);
        }

        private UpdateResult oneUpdate(Write update) {
            Outcome outcome = write(List.of(update), true);
            outcome.refuseAsOneWrite();
            return UpdateResult.acknowledged(outcome.matched, (long) outcome.modified,
                    outcome.upserts.isEmpty() ? null : outcome.upserts.get(0).getId());
        }

        private Object delete(Object[] args, boolean many) {
            if (args.length > 1 && !plain((DeleteOptions) args[1])) {
                return NOT_DIRECT;
            }
            Write delete = delete(args[0], many, 0);
            if (delete == null) {
                return NOT_DIRECT;
            }
            Outcome outcome = write(List.of(delete), true);
            outcome.refuseAsOneWrite();
            return DeleteResult.acknowledged(outcome.deleted);
        }

        private Object bulkWrite(Object[] args) {
            boolean ordered = true;
            if (args.length > 1) {
                BulkWriteOptions options = (BulkWriteOptions) args[1];
                if (options.getBypassDocumentValidation() != null || options.getComment() != null
                        || options.getLet() != null) {
                    return NOT_DIRECT;
                }
                ordered = options.isOrdered();
            }
            List<Write> writes = writes((List<?>) args[0], this::model);
            if (writes == null) {
                return NOT_DIRECT;
            }
            Outcome outcome = write(writes, ordered);
            outcome.refuseAsBulk();
            return outcome.result();
        }

        /**
         * A find-and-modify with an update of operators (Spring's {@code findAndModify}: counters, leases,
         * claims): one {@code findAndModify} command, its document as the driver decodes it. An update
         * without operators, a pipeline or an option the handler would need the wire for is the driver's.
         */
        private Object findOneAndUpdate(Object[] args) {
            FindOneAndUpdateOptions options = args.length > 2 ? (FindOneAndUpdateOptions) args[2] : new FindOneAndUpdateOptions();
            if (!(args[0] instanceof Document q) || !(args[1] instanceof Document u) || u.isEmpty()
                    || !u.keySet().stream().allMatch(key -> key.startsWith("$")) || !plain(options)) {
                return NOT_DIRECT;
            }
            de.bwaldvogel.mongo.bson.Document command = command("findAndModify");
            command.put("query", StoreValues.toStore(q, codecs));
            if (options.getProjection() != null) {
                command.put("fields", StoreValues.toStore((Document) options.getProjection(), codecs));
            }
            if (options.getSort() != null) {
                command.put("sort", StoreValues.toStore((Document) options.getSort(), codecs));
            }
            command.put("new", options.getReturnDocument() == ReturnDocument.AFTER);
            command.put("upsert", options.isUpsert());
            command.put("update", StoreValues.toStore(u, codecs));
            if (command.values().contains(null)) {
                return NOT_DIRECT;
            }
            Object value = store.run(database, command).get("value");
            return value instanceof de.bwaldvogel.mongo.bson.Document found ? StoreValues.fromStore(found, codecs) : null;
        }

        /** Each item (a document, a bulk write's model) as a write at its index; null if any must go to the driver, or none is given. */
        private static List<Write> writes(List<?> items, java.util.function.BiFunction<Object, Integer, Write> asWrite) {
            List<Write> writes = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                Write write = asWrite.apply(items.get(i), i);
                if (write == null) {
                    return null;
                }
                writes.add(write);
            }
            return writes.isEmpty() ? null : writes;
        }

        /** A bulk write's model as a write, or null if the driver must do it. */
        private Write model(Object model, int index) {
            if (model instanceof InsertOneModel<?> insert) {
                return insert(insert.getDocument(), index);
            }
            if (model instanceof UpdateOneModel<?> one && one.getUpdatePipeline() == null && plain(one.getOptions())) {
                return update(one.getFilter(), one.getUpdate(), false, one.getOptions().isUpsert(), index, false);
            }
            if (model instanceof UpdateManyModel<?> many && many.getUpdatePipeline() == null && plain(many.getOptions())) {
                return update(many.getFilter(), many.getUpdate(), true, many.getOptions().isUpsert(), index, false);
            }
            if (model instanceof ReplaceOneModel<?> replace && plain(replace.getReplaceOptions())) {
                return update(replace.getFilter(), replace.getReplacement(), false, replace.getReplaceOptions().isUpsert(),
                        index, true);
            }
            if (model instanceof DeleteOneModel<?> one && plain(one.getOptions())) {
                return delete(one.getFilter(), false, index);
            }
            if (model instanceof DeleteManyModel<?> many && plain(many.getOptions())) {
                return delete(many.getFilter(), true, index);
            }
            return null;
        }

        /** An insert of the document, its id generated into it as the driver does: first among its fields. */
        private Write insert(Object document, int index) {
            if (!(document instanceof Document plain)) {
                return null;
            }
            if (!plain.containsKey("_id")) {
                Document withId = new Document("_id", new org.bson.types.ObjectId());
                withId.putAll(plain);
                plain.clear();
                plain.putAll(withId);
            }
            de.bwaldvogel.mongo.bson.Document stored = StoreValues.toStore(plain, codecs);
            return stored == null ? null : new Write(Kind.INSERT, index, stored, idValue(plain.get("_id")));
        }

        /**
         * An update, or a replacement. The driver refuses an update without operators (the store would
         * take it as a replacement) and a replacement with them: those are left to it, to refuse.
         */
        private Write update(Object filter, Object update, boolean multi, boolean upsert, int index, boolean replacement) {
            if (!(filter instanceof Document q) || !(update instanceof Document u)
                    || (replacement ? u.keySet().stream().anyMatch(key -> key.startsWith("$"))
                            : u.isEmpty() || !u.keySet().stream().allMatch(key -> key.startsWith("$")))) {
                return null;
            }
            de.bwaldvogel.mongo.bson.Document query = StoreValues.toStore(q, codecs);
            de.bwaldvogel.mongo.bson.Document change = StoreValues.toStore(u, codecs);
            if (query == null || change == null) {
                return null;
            }
            de.bwaldvogel.mongo.bson.Document statement = new de.bwaldvogel.mongo.bson.Document("q", query);
            statement.put("u", change);
            statement.put("multi", multi);
            statement.put("upsert", upsert);
            return new Write(Kind.UPDATE, index, statement, null);
        }

        private Write delete(Object filter, boolean many, int index) {
            if (!(filter instanceof Document q)) {
                return null;
            }
            de.bwaldvogel.mongo.bson.Document query = StoreValues.toStore(q, codecs);
            if (query == null) {
                return null;
            }
            de.bwaldvogel.mongo.bson.Document statement = new de.bwaldvogel.mongo.bson.Document("q", query);
            statement.put("limit", many ? 0 : 1);
            return new Write(Kind.DELETE, index, statement, null);
        }

        /**
         * The writes as the driver sends them: ordered, each run of one kind is one command and a run
         * with a refused write is the last; unordered, one command per kind. Indexes in the outcome are
         * the caller's.
         */
        private Outcome write(List<Write> writes, boolean ordered) {
            List<List<Write>> runs = new ArrayList<>();
            if (ordered) {
                for (Write write : writes) {
                    if (runs.isEmpty() || runs.get(runs.size() - 1).get(0).kind() != write.kind()) {
                        runs.add(new ArrayList<>());
                    }
                    runs.get(runs.size() - 1).add(write);
                }
            } else {
                Map<Kind, List<Write>> byKind = new java.util.EnumMap<>(Kind.class);
                writes.forEach(write -> byKind.computeIfAbsent(write.kind(), k -> new ArrayList<>()).add(write));
                runs.addAll(byKind.values());
            }
            Outcome outcome = new Outcome(store.address());
            for (List<Write> run : runs) {
                Kind kind = run.get(0).kind();
                de.bwaldvogel.mongo.bson.Document command = command(kind.command);
                command.put("ordered", ordered);
                command.put(kind.statements, run.stream().map(Write::statement).toList());
                de.bwaldvogel.mongo.bson.Document answer = store.run(database, command);
                int errorsBefore = outcome.errors.size();
                outcome.add(kind, run, answer, this);
                if (ordered && outcome.errors.size() > errorsBefore) {
                    break;
                }
            }
            return outcome;
        }

        /** The documents a find matches, all at once (the driver is asked whenever a batch size is set). */
        List<Document> run(Document filter, Document projection, Document sort, int skip, int limit) {
            de.bwaldvogel.mongo.bson.Document command = command("find");
            command.put("filter", filter == null ? new de.bwaldvogel.mongo.bson.Document() : StoreValues.toStore(filter, codecs));
            if (projection != null) {
                command.put("projection", StoreValues.toStore(projection, codecs));
            }
            if (sort != null) {
                command.put("sort", StoreValues.toStore(sort, codecs));
            }
            if (skip > 0) {
                command.put("skip", skip);
            }
            if (limit > 0) {
                command.put("limit", limit);
            }
            de.bwaldvogel.mongo.bson.Document cursor = (de.bwaldvogel.mongo.bson.Document) store.run(database, command)
                    .get("cursor");
            if (((Number) cursor.get("id")).longValue() != 0) {
                throw new IllegalStateException("the embedded store kept a cursor open for a find without a batch size");
            }
            List<?> batch = (List<?>) cursor.get("firstBatch");
            List<Document> found = new ArrayList<>(batch.size());
            for (Object document : batch) {
                found.add(StoreValues.fromStore((de.bwaldvogel.mongo.bson.Document) document, codecs));
            }
            return found;
        }

        private de.bwaldvogel.mongo.bson.Document command(String command) {
            return new de.bwaldvogel.mongo.bson.Document(command, name);
        }

        /** An id as the driver's results give it: the usual kinds directly, any other encoded by the collection's codecs. */
        private BsonValue idValue(Object id) {
            if (id instanceof org.bson.types.ObjectId objectId) {
                return new org.bson.BsonObjectId(objectId);
            }
            if (id instanceof String text) {
                return new BsonString(text);
            }
            return new RawBsonDocument(new Document("_id", id), codecs.get(Document.class)).get("_id");
        }

        BsonValue storedIdValue(Object storedId) {
            return idValue(StoreValues.fromStore(new de.bwaldvogel.mongo.bson.Document("_id", storedId), codecs).get("_id"));
        }

        private static boolean plain(InsertOneOptions options) {
            return options.getBypassDocumentValidation() == null && options.getComment() == null;
        }

        private static boolean plain(UpdateOptions options) {
            return options.getBypassDocumentValidation() == null && options.getCollation() == null
                    && options.getArrayFilters() == null && options.getHint() == null && options.getHintString() == null
                    && options.getComment() == null && options.getLet() == null && options.getSort() == null;
        }

        private static boolean plain(ReplaceOptions options) {
            return options.getBypassDocumentValidation() == null && options.getCollation() == null
                    && options.getHint() == null && options.getHintString() == null && options.getComment() == null
                    && options.getLet() == null && options.getSort() == null;
        }

        private static boolean plain(FindOneAndUpdateOptions options) {
            return options.getBypassDocumentValidation() == null && options.getCollation() == null
                    && options.getArrayFilters() == null && options.getHint() == null && options.getHintString() == null
                    && options.getComment() == null && options.getLet() == null
                    && Find.documentOrNull(options.getProjection()) && Find.documentOrNull(options.getSort());
        }

        private static boolean plain(DeleteOptions options) {
            return options.getCollation() == null && options.getHint() == null && options.getHintString() == null
                    && options.getComment() == null && options.getLet() == null;
        }
    }

    /** The three write commands and the field each lists its statements in. */
    private enum Kind {
        INSERT("insert", "documents"), UPDATE("update", "updates"), DELETE("delete", "deletes");

        final String command;
        final String statements;

        Kind(String command, String statements) {
            this.command = command;
            this.statements = statements;
        }
    }

    /** One write: its kind, its index in the caller's list, the statement the command lists, an insert's id. */
    private record Write(Kind kind, int index, de.bwaldvogel.mongo.bson.Document statement, BsonValue id) {
    }

    /** What the write commands answered, added up as the driver adds up a bulk write's batches. */
    private static final class Outcome {
        private final ServerAddress address;
        int inserted;
        int matched;
        int modified;
        int deleted;
        final List<BulkWriteUpsert> upserts = new ArrayList<>();
        final List<BulkWriteInsert> inserts = new ArrayList<>();
        final List<BulkWriteError> errors = new ArrayList<>();

        Outcome(ServerAddress address) {
            this.address = address;
        }

        void add(Kind kind, List<Write> run, de.bwaldvogel.mongo.bson.Document answer, Commands commands) {
            Set<Integer> refused = new java.util.HashSet<>();
            if (answer.get("writeErrors") instanceof List<?> writeErrors) {
                for (Object e : writeErrors) {
                    de.bwaldvogel.mongo.bson.Document error = (de.bwaldvogel.mongo.bson.Document) e;
                    int at = ((Number) error.get("index")).intValue();
                    refused.add(at);
                    errors.add(new BulkWriteError(((Number) error.get("code")).intValue(), String.valueOf(error.get("errmsg")),
                            new BsonDocument(), run.get(at).index()));
                }
            }
            int n = ((Number) answer.get("n")).intValue();
            switch (kind) {
                case INSERT -> {
                    inserted += n;
                    for (int i = 0; i < run.size(); i++) {
                        if (!refused.contains(i)) {
                            inserts.add(new BulkWriteInsert(run.get(i).index(), run.get(i).id()));
                        }
                    }
                }
                case UPDATE -> {
                    int upserted = 0;
                    if (answer.get("upserted") instanceof List<?> ups) {
                        for (Object u : ups) {
                            de.bwaldvogel.mongo.bson.Document up = (de.bwaldvogel.mongo.bson.Document) u;
                            upserts.add(new BulkWriteUpsert(run.get(((Number) up.get("index")).intValue()).index(),
                                    commands.storedIdValue(up.get("_id"))));
                            upserted++;
                        }
                    }
                    matched += n - upserted;
                    modified += ((Number) answer.get("nModified")).intValue();
                }
                case DELETE -> deleted += n;
            }
        }

        /** A refused single write, thrown as the driver throws it. */
        void refuseAsOneWrite() {
            if (!errors.isEmpty()) {
                BulkWriteError error = errors.get(0);
                throw new MongoWriteException(new WriteError(error.getCode(), error.getMessage(), error.getDetails()), address,
                        Set.of());
            }
        }

        void refuseAsBulk() {
            if (!errors.isEmpty()) {
                throw new MongoBulkWriteException(result(), errors, null, address, Set.of());
            }
        }

        BulkWriteResult result() {
            return BulkWriteResult.acknowledged(inserted, matched, deleted, modified, upserts, inserts);
        }
    }

    /**
     * A find as the driver's {@link FindIterable}: filter, projection, sort, skip and limit are
     * answered in-process; any other setting (a batch size above all, which asks for a cursor read in
     * batches) hands the whole find, with every setting made so far, to the driver.
     */
    private static final class Find implements InvocationHandler {
        private static final Set<String> OWN = Set.of("filter", "projection", "sort", "skip", "limit", "maxTime");
        private final Commands commands;
        /** Every setting made on this find, in order (the driver's find gets them all if it takes over). */
        private final List<Setting> settings = new ArrayList<>();
        private Bson filter;
        private Bson projection;
        private Bson sort;
        private int skip;
        private int limit;
        private FindIterable<Document> driver;
        private FindIterable<Document> self;

        Find(Commands commands, Bson filter) {
            this.commands = commands;
            this.filter = filter;
        }

        @SuppressWarnings("unchecked")
        FindIterable<Document> proxy() {
            self = newProxy(FindIterable.class, this);
            return self;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(this, args);
            }
            if (driver != null) {
                return call(driver, method, args);
            }
            if (method.getReturnType() == FindIterable.class) {
                settings.add(new Setting(method, args));
                own(method.getName(), args);
                return self;
            }
            if (!direct()) {
                return call(driver(), method, args);
            }
            return switch (method.getName()) {
                case "first" -> {
                    List<Document> found = run(1);
                    yield found.isEmpty() ? null : found.get(0);
                }
                case "iterator", "cursor" -> new ListCursor(run(limit), commands.store.address());
                case "into" -> {
                    @SuppressWarnings("unchecked")
                    Collection<Document> target = (Collection<Document>) args[0];
                    target.addAll(run(limit));
                    yield target;
                }
                case "forEach" -> {
                    @SuppressWarnings("unchecked")
                    Consumer<Document> action = (Consumer<Document>) args[0];
                    run(limit).forEach(action);
                    yield null;
                }
                default -> call(driver(), method, args);
            };
        }

        /** Keeps a setting this find answers itself; the others are only in {@link #settings}. */
        private void own(String setting, Object[] args) {
            switch (setting) {
                case "filter" -> filter = (Bson) args[0];
                case "projection" -> projection = (Bson) args[0];
                case "sort" -> sort = (Bson) args[0];
                case "skip" -> skip = (Integer) args[0];
                case "limit" -> limit = (Integer) args[0];
                default -> {
                    // maxTime: the embedded store answers at once or not at all; any other setting is the driver's.
                }
            }
        }

        private boolean direct() {
            return settings.stream().allMatch(s -> OWN.contains(s.method().getName())) && skip >= 0 && limit >= 0
                    && documentOrNull(filter) && documentOrNull(projection) && documentOrNull(sort);
        }

        private static boolean documentOrNull(Bson bson) {
            return bson == null || bson instanceof Document;
        }

        private List<Document> run(int limit) {
            return commands.run((Document) filter, (Document) projection, (Document) sort, skip, limit);
        }

        /** The driver's find with every setting made on this one, in order. */
        @SuppressWarnings("unchecked")
        private FindIterable<Document> driver() throws Throwable {
            if (driver == null) {
                FindIterable<Document> find = ((MongoCollection<Document>) commands.collection).find();
                if (filter != null) {
                    find = find.filter(filter); // the latest: given to the collection's find or set since
                }
                for (Setting setting : settings) {
                    if (!setting.method().getName().equals("filter")) {
                        find = (FindIterable<Document>) call(find, setting.method(), setting.args());
                    }
                }
                driver = find;
            }
            return driver;
        }
    }

    /** One call that set something on a find. */
    private record Setting(Method method, Object[] args) {
    }

    /** A cursor over documents already read. */
    private static final class ListCursor implements MongoCursor<Document> {
        private final Iterator<Document> documents;
        private final ServerAddress address;
        private int left;

        ListCursor(List<Document> documents, ServerAddress address) {
            this.documents = documents.iterator();
            this.address = address;
            this.left = documents.size();
        }

        @Override
        public boolean hasNext() {
            return documents.hasNext();
        }

        @Override
        public Document next() {
            if (!documents.hasNext()) {
                throw new NoSuchElementException();
            }
            left--;
            return documents.next();
        }

        @Override
        public int available() {
            return left;
        }

        @Override
        public Document tryNext() {
            return documents.hasNext() ? next() : null;
        }

        @Override
        public ServerCursor getServerCursor() {
            return null;
        }

        @Override
        public ServerAddress getServerAddress() {
            return address;
        }

        @Override
        public void close() {
            // Nothing held open.
        }
    }

    @FunctionalInterface
    private interface Call {
        Object call(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Object target, Call call) {
        return newProxy(type, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(target, args);
            }
            try {
                return call.call(method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    /**
     * Spring asks for the collection anew for every command, so a proxy is made per command: by
     * each interface's proxy constructor, looked up once, not by {@link Proxy#newProxyInstance}'s
     * checks every time.
     */
    private static final ClassValue<Constructor<?>> PROXY_CONSTRUCTORS = new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> type) {
            try {
                return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> null)
                        .getClass().getConstructor(InvocationHandler.class);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    @SuppressWarnings("unchecked")
    private static <T> T newProxy(Class<T> type, InvocationHandler handler) {
        try {
            return (T) PROXY_CONSTRUCTORS.get(type).newInstance(handler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
