package io.genjin.store.events.outbox;

import io.genjin.store.RecordShape;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;

/**
 * Writes a domain event record as a BSON document and reads it back, by its record components, so a
 * new event (a record in {@code io.genjin.store.events}) or a new field needs no codec of its own.
 * Values: strings, booleans, numbers, enums (by name), {@link Instant} and {@link LocalDate} (as
 * ISO-8601 text, exact to the nanosecond, which a BSON date is not), lists of these and nested records.
 * The type is the record's simple name (nested: {@code Outer$Inner}); only records of the events
 * package are read back, so a stored document cannot name an arbitrary class.
 */
public final class EventCodec {
    public static final String PACKAGE = "io.genjin.store.events";
    private static final Map<String, Class<?>> TYPES = new ConcurrentHashMap<>();

    private EventCodec() {
    }

    public static String type(Object event) {
        Class<?> type = event.getClass();
        if (!type.isRecord() || !PACKAGE.equals(type.getPackageName())) {
            throw new IllegalArgumentException("not a domain event record of " + PACKAGE + ": " + type.getName());
        }
        return type.getName().substring(PACKAGE.length() + 1);
    }

    public static Document encode(Object event) {
        type(event);
        return record((Record) event);
    }

    public static Object decode(String type, Document payload) {
        Class<?> record = TYPES.computeIfAbsent(type, EventCodec::load);
        return read(record, payload);
    }

    /**
     * What orders the event: its customer ({@code companyId}, or a merge's {@code survivorId}); else
     * its message ({@code messageId}); else null.
     */
    public static String customer(Object event) {
        Object company = component(event, "companyId");
        return company != null ? company.toString() : (String) component(event, "survivorId");
    }

    public static String orderKey(Object event) {
        String customer = customer(event);
        return customer != null ? customer : (String) component(event, "messageId");
    }

    private static Object component(Object event, String name) {
        RecordShape shape = RecordShape.of(event.getClass());
        int i = shape.indexOf(name);
        return i < 0 ? null : shape.get(i, event);
    }

    private static Class<?> load(String type) {
        try {
            Class<?> found = Class.forName(PACKAGE + "." + type, false, EventCodec.class.getClassLoader());
            if (!found.isRecord()) {
                throw new IllegalArgumentException("not an event record: " + type);
            }
            return found;
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("unknown event type " + type, e);
        }
    }

    private static Document record(Record value) {
        RecordShape shape = RecordShape.of(value.getClass());
        Document out = new Document();
        for (int i = 0; i < shape.size(); i++) {
            out.append(shape.name(i), write(shape.get(i, value)));
        }
        return out;
    }

    private static Object write(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Instant || value instanceof LocalDate) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(write(v)));
            return out;
        }
        if (value instanceof Record r) {
            return record(r);
        }
        throw new IllegalArgumentException("an event field of type " + value.getClass().getName() + " has no encoding");
    }

    private static Object read(Class<?> type, Document in) {
        RecordShape shape = RecordShape.of(type);
        Object[] args = new Object[shape.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = read(in.get(shape.name(i)), shape.type(i), shape.generic(i));
        }
        return shape.make(args);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object read(Object raw, Class<?> type, Type generic) {
        if (raw == null) {
            return type == boolean.class ? false : type.isPrimitive() ? defaultNumber(type) : null;
        }
        if (type == Instant.class) {
            return Instant.parse((String) raw);
        }
        if (type == LocalDate.class) {
            return LocalDate.parse((String) raw);
        }
        if (type.isEnum()) {
            return Enum.valueOf((Class<Enum>) type, (String) raw);
        }
        if (type == int.class || type == Integer.class) {
            return ((Number) raw).intValue();
        }
        if (type == long.class || type == Long.class) {
            return ((Number) raw).longValue();
        }
        if (type == double.class || type == Double.class) {
            return ((Number) raw).doubleValue();
        }
        if (List.class.isAssignableFrom(type)) {
            Type element = RecordShape.element(generic);
            Class<?> elementClass = RecordShape.raw(element);
            List<Object> out = new ArrayList<>();
            for (Object v : (List<?>) raw) {
                out.add(read(v, elementClass, element));
            }
            return out;
        }
        if (type.isRecord()) {
            return read(type, (Document) raw);
        }
        return raw;
    }

    private static Object defaultNumber(Class<?> type) {
        return type == long.class ? 0L : type == double.class ? 0.0 : 0;
    }
}
