package io.genjin.store;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Store records written as documents and read back exactly as Spring Data's mapping writes and reads
 * them, without the mapping: for the few writes and reads every ingested message makes (a message, its
 * timeline entry, its parties' contacts and customers, the customer's health signals), where the
 * mapping's per-call machinery cost more than the store's own work. Everything else keeps the mapping; the two agree on every record this
 * codec is used for ({@code StoredRecordsTest} writes and reads each both ways and compares).
 *
 * <p>What it writes, as the mapping does: the {@code id} component as {@code _id} (an ObjectId when the
 * text is one, {@link Ids#stored}) first, then the components in order, a null component left out,
 * then {@code _class} naming the record; an enum by its name, an {@link Instant} as a BSON date (to the
 * millisecond), a collection as an array, a map as a subdocument, a nested record as a subdocument
 * without {@code _class}. Reading takes each component from its field and builds the record through its
 * canonical constructor, as the mapping does; a missing field reads as null, or as a primitive's zero
 * (where the mapping cannot build the record at all: an older document without a newer flag).
 *
 * <p>A record with a component it cannot treat as the mapping would (a mapping annotation such as
 * {@code @Field}, a date-only or decimal type, an id other than text, a nested {@code id}) is refused
 * when it is first used,
 * rather than written differently. A record with a {@code @Version} is written by {@link #save},
 * which sets and checks the version as the mapping's save does.
 */
public final class StoredRecords {
    private static final String ID = "id";
    private static final String CLASS = "_class";
    private static final ClassValue<Plan> PLANS = new ClassValue<>() {
        @Override
        protected Plan computeValue(Class<?> type) {
            return new Plan(type);
        }
    };

    private StoredRecords() {
    }

    /**
     * The record as the mapping would store it; an {@code _id} is minted when its id is null. A versioned
     * record is refused: {@link #save} writes it, as the mapping's save does.
     */
    public static Document write(Record value) {
        return encode(unversioned(value));
    }

    private static <T extends Record> T unversioned(T value) {
        if (PLANS.get(value.getClass()).version >= 0) {
            throw new IllegalArgumentException(value.getClass().getName() + " is versioned: written by save");
        }
        return value;
    }

    private static Document encode(Record value) {
        Plan plan = PLANS.get(value.getClass());
        Document out = new Document();
        Object id = plan.id < 0 ? null : plan.shape.get(plan.id, value);
        out.put("_id", id == null ? new ObjectId() : Ids.stored((String) id));
        plan.writeComponents(value, out, plan.id);
        out.put(CLASS, plan.shape.type().getName());
        return out;
    }

    /** The record of this type a stored document holds. */
    public static <T extends Record> T read(Class<T> type, Document stored) {
        return type.cast(PLANS.get(type).read(stored));
    }

    /** The record of this type stored under this id, read by primary key; null when there is none. */
    public static <T extends Record> T findById(MongoOperations mongo, Class<T> type, String id) {
        List<T> found = find(mongo, type, idIs(id), null, 1);
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * The records of this type that the filter matches (a document naming fields and values as they are
     * stored: {@code _id}, BSON dates), in this order ({@code sort} null: the store's), at most {@code limit}
     * of them (0: all).
     */
    public static <T extends Record> List<T> find(MongoOperations mongo, Class<T> type, Document filter, Document sort,
            int limit) {
        return mongo.execute(mongo.getCollectionName(type), c -> {
            List<T> found = new ArrayList<>();
            var cursor = c.find(filter).limit(limit);
            (sort == null ? cursor : cursor.sort(sort)).forEach(d -> found.add(read(type, d)));
            return found;
        });
    }

    /**
     * Applies an update (operators over the fields as they are stored, values as stored: BSON dates) to the
     * record of this type with this id, inserting it when there is none: an upsert by primary key.
     */
    public static void upsert(MongoOperations mongo, Class<? extends Record> type, String id, Document update) {
        mongo.execute(mongo.getCollectionName(type), c -> c.updateOne(idIs(id), update,
                new UpdateOptions().upsert(true)));
    }

    /** {@link #upsert}, returning the record as the update left it, read in the same command. */
    public static <T extends Record> T upsertAndRead(MongoOperations mongo, Class<T> type, String id, Document update) {
        Document after = mongo.execute(mongo.getCollectionName(type), c -> c.findOneAndUpdate(idIs(id), update,
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)));
        return read(type, after);
    }

    /** The filter on a record's primary key, its id stored as the mapping stores it. */
    private static Document idIs(String id) {
        return new Document("_id", Ids.stored(id));
    }

    /** The same record with this id (the one {@link #encode} minted, once it is stored). */
    private static <T extends Record> T withId(T value, String id) {
        return with(value, PLANS.get(value.getClass()).id, id);
    }

    /** The same record with one component changed. */
    private static <T extends Record> T with(T value, int component, Object changed) {
        RecordShape shape = PLANS.get(value.getClass()).shape;
        Object[] values = new Object[shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = i == component ? changed : shape.get(i, value);
        }
        @SuppressWarnings("unchecked")
        T made = (T) shape.make(values);
        return made;
    }

    /**
     * Saves a versioned record as the mapping's save does: without a version, it is inserted with
     * version 0; with one, it replaces the stored document only if that still has the version read,
     * and takes the next version, else {@link OptimisticLockingFailureException}. Returns what was stored.
     */
    public static <T extends Record> T save(MongoOperations mongo, T value) {
        Plan plan = PLANS.get(value.getClass());
        if (plan.version < 0) {
            throw new IllegalArgumentException(value.getClass().getName() + " has no version");
        }
        String collection = mongo.getCollectionName(value.getClass());
        Long read = (Long) plan.shape.get(plan.version, value);
        if (read == null) {
            return inserted(mongo, with(value, plan.version, 0L));
        }
        T next = with(value, plan.version, read + 1);
        Document stored = encode(next);
        Document expected = new Document("_id", stored.get("_id")).append(plan.shape.name(plan.version), read);
        long replaced = mongo.execute(collection, c -> c.replaceOne(expected, stored).getModifiedCount());
        if (replaced == 0) {
            throw new OptimisticLockingFailureException(String.format(
                    "Cannot save entity %s with version %s to collection %s; Has it been modified meanwhile",
                    idText(stored), read, collection));
        }
        return next;
    }

    private static String idText(Document stored) {
        Object id = stored.get("_id");
        return id instanceof ObjectId o ? o.toHexString() : (String) id;
    }

    /**
     * Inserts the record into its collection as the mapping would, and returns it with its id. A
     * refused write comes back as the mapping's exception ({@code DuplicateKeyException} for a
     * unique key).
     */
    public static <T extends Record> T insert(MongoOperations mongo, T value) {
        return inserted(mongo, unversioned(value));
    }

    private static <T extends Record> T inserted(MongoOperations mongo, T value) {
        Document stored = encode(value);
        mongo.execute(mongo.getCollectionName(value.getClass()), c -> c.insertOne(stored));
        Plan plan = PLANS.get(value.getClass());
        return plan.id >= 0 && plan.shape.get(plan.id, value) == null ? withId(value, idText(stored)) : value;
    }

    private enum Kind {
        STRING, BOOLEAN, INT, LONG, DOUBLE, ENUM, INSTANT, LIST, SET, MAP, RECORD
    }

    /** How each component of one record class is written and read. */
    private static final class Plan {
        final RecordShape shape;
        final Value[] values;
        /** Each component's field in the stored document: its name, {@code _id} for the id. */
        final String[] fields;
        /** The {@code id} component (text), or -1. */
        final int id;
        /** The component that is the mapping's optimistic-locking version (a {@code Long}), or -1. */
        final int version;

        Plan(Class<?> type) {
            shape = RecordShape.of(type);
            values = new Value[shape.size()];
            fields = new String[shape.size()];
            id = shape.indexOf(ID);
            if (id >= 0 && shape.type(id) != String.class) {
                throw new IllegalArgumentException(type.getName() + ".id of type " + shape.type(id).getName()
                        + " is left to the mapping");
            }
            int versioned = -1;
            for (int i = 0; i < values.length; i++) {
                fields[i] = i == id ? "_id" : shape.name(i);
                if (versionOrPlain(type, shape.name(i))) {
                    if (shape.type(i) != Long.class) {
                        throw new IllegalArgumentException(type.getName() + "." + shape.name(i) + ": a version other than Long");
                    }
                    versioned = i;
                }
                values[i] = Value.of(shape.generic(i), type.getName() + "." + shape.name(i));
            }
            version = versioned;
        }

        /** Whether the component is a {@code @Version}; any other mapping annotation is refused. */
        private static boolean versionOrPlain(Class<?> type, String component) {
            boolean version = false;
            try {
                for (Annotation a : type.getDeclaredField(component).getAnnotations()) {
                    if (a.annotationType() == org.springframework.data.annotation.Version.class) {
                        version = true;
                    } else if (a.annotationType().getName().startsWith("org.springframework.data.")) {
                        throw new IllegalArgumentException(type.getName() + "." + component + " carries @"
                                + a.annotationType().getSimpleName() + ": left to the mapping");
                    }
                }
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
            return version;
        }

        void writeComponents(Object record, Document out, int skip) {
            for (int i = 0; i < values.length; i++) {
                if (i == skip) {
                    continue;
                }
                Object v = shape.get(i, record);
                if (v != null) {
                    out.put(fields[i], values[i].write(v));
                }
            }
        }

        Object read(Document in) {
            Object[] args = new Object[values.length];
            for (int i = 0; i < args.length; i++) {
                args[i] = values[i].read(in.get(fields[i]));
            }
            return shape.make(args);
        }
    }

    /** One kind of value: how it is written and read, with its element's (a collection's, a map's values'). */
    private record Value(Kind kind, Class<?> type, Value element) {
        static Value of(Type generic, String where) {
            Class<?> type = RecordShape.raw(generic);
            if (type == String.class) {
                return new Value(Kind.STRING, type, null);
            }
            if (type == boolean.class || type == Boolean.class) {
                return new Value(Kind.BOOLEAN, type, null);
            }
            if (type == int.class || type == Integer.class) {
                return new Value(Kind.INT, type, null);
            }
            if (type == long.class || type == Long.class) {
                return new Value(Kind.LONG, type, null);
            }
            if (type == double.class || type == Double.class) {
                return new Value(Kind.DOUBLE, type, null);
            }
            if (type.isEnum()) {
                return new Value(Kind.ENUM, type, null);
            }
            if (type == Instant.class) {
                return new Value(Kind.INSTANT, type, null);
            }
            if (type == List.class || type == Collection.class) {
                return new Value(Kind.LIST, type, of(RecordShape.element(generic), where + "[]"));
            }
            if (type == Set.class) {
                return new Value(Kind.SET, type, of(RecordShape.element(generic), where + "[]"));
            }
            if (type == Map.class && RecordShape.raw(((java.lang.reflect.ParameterizedType) generic)
                    .getActualTypeArguments()[0]) == String.class) {
                return new Value(Kind.MAP, type, of(RecordShape.element(generic), where + "{}"));
            }
            if (type.isRecord()) {
                if (RecordShape.of(type).indexOf(ID) >= 0) {
                    throw new IllegalArgumentException(where + ": a nested record with an id is left to the mapping");
                }
                PLANS.get(type);
                return new Value(Kind.RECORD, type, null);
            }
            throw new IllegalArgumentException(where + " of type " + generic.getTypeName() + " is left to the mapping");
        }

        Object write(Object v) {
            return switch (kind) {
                case STRING, BOOLEAN, INT, LONG, DOUBLE -> v;
                case ENUM -> ((Enum<?>) v).name();
                case INSTANT -> Date.from((Instant) v);
                case LIST, SET -> {
                    Collection<?> items = (Collection<?>) v;
                    List<Object> out = new ArrayList<>(items.size());
                    for (Object item : items) {
                        out.add(item == null ? null : element.write(item));
                    }
                    yield out;
                }
                case MAP -> {
                    Document out = new Document();
                    for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                        String key = (String) e.getKey();
                        if (key.indexOf('.') >= 0) {
                            throw new IllegalArgumentException("map key " + key + " contains a dot, which the mapping refuses");
                        }
                        out.put(key, e.getValue() == null ? null : element.write(e.getValue()));
                    }
                    yield out;
                }
                case RECORD -> {
                    Document out = new Document();
                    PLANS.get(type).writeComponents(v, out, -1);
                    yield out;
                }
            };
        }

        /** What a missing field reads as: null, or a primitive's zero. */
        private Object missing() {
            if (!type.isPrimitive()) {
                return null;
            }
            if (type == boolean.class) {
                return Boolean.FALSE;
            }
            if (type == int.class) {
                return 0;
            }
            return type == long.class ? (Object) 0L : (Object) 0.0;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        Object read(Object raw) {
            if (raw == null) {
                return missing();
            }
            return switch (kind) {
                case STRING -> raw instanceof ObjectId o ? o.toHexString() : raw.toString();
                case BOOLEAN -> raw;
                case INT -> ((Number) raw).intValue();
                case LONG -> ((Number) raw).longValue();
                case DOUBLE -> ((Number) raw).doubleValue();
                case ENUM -> Enum.valueOf((Class<Enum>) type, (String) raw);
                case INSTANT -> ((Date) raw).toInstant();
                case LIST, SET -> {
                    Collection<Object> out = kind == Kind.SET ? new LinkedHashSet<>() : new ArrayList<>();
                    for (Object item : (List<?>) raw) {
                        out.add(element.read(item));
                    }
                    yield out;
                }
                case MAP -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    ((Document) raw).forEach((k, item) -> out.put(k, element.read(item)));
                    yield out;
                }
                case RECORD -> PLANS.get(type).read((Document) raw);
            };
        }
    }
}
