package io.genjin.store.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the embedded store writes documents, ids and index keys into its file: as BSON, where H2's
 * {@link ObjectDataType} would Java-serialise them.
 *
 * <p>Java serialisation was most of the cost of reading and writing the store: a profile of the
 * follow-up scan spent a third of its CPU deserialising pages of documents and another sixth
 * serialising them at commit. BSON is also what these values arrived as over the wire.
 *
 * <p>Each value is written with a leading tag byte that {@link ObjectDataType} never writes (its
 * tags stop at 119), so a file written by the stock backend reads as before, value by value, and is
 * rewritten in the new form as pages change. Anything else (a value BSON cannot carry) is still
 * written the stock way.
 */
class StoredType extends ObjectDataType {
    static final byte DOCUMENT = 121;
    static final byte OBJECT_ID = 122;
    static final byte KEY = 123;
    /** Key values whose class survives a BSON round trip unchanged. */
    private static final Set<Class<?>> BSON_KEY_VALUES = Set.of(String.class, Integer.class, Long.class,
            Double.class, Boolean.class, ObjectId.class, Instant.class);

    /**
     * The buffer a thread encodes values in before they go into a page, reused: a fresh one grew from a
     * few hundred bytes, doubling, for each value, so a 9 kB raw message cost 32 kB of allocation each
     * time a commit wrote its page (about a twentieth of what an import allocated). One that grew past
     * {@link #ENCODING_KEPT_BYTES} for a large value is dropped after it.
     */
    private static final ThreadLocal<ByteBuf> ENCODING = ThreadLocal.withInitial(() -> Unpooled.buffer(16 * 1024));
    private static final int ENCODING_KEPT_BYTES = 1024 * 1024;

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (value instanceof ObjectId id) {
            buffer.put(OBJECT_ID).put(id.toByteArray());
        } else if (value instanceof Document document) {
            writeBson(buffer, DOCUMENT, document, value);
        } else if (value instanceof KeyValue key && isBsonKey(key)) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = 0; i < key.size(); i++) {
                fields.put(Integer.toString(i), key.get(i));
            }
            writeBson(buffer, KEY, fields, value);
        } else {
            super.write(buffer, value);
        }
    }

    private void writeBson(WriteBuffer buffer, byte tag, Map<String, ?> fields, Object value) {
        ByteBuf bson = ENCODING.get().clear();
        try {
            BsonEncoder.encodeDocument(fields, bson);
        } catch (RuntimeException e) {
            super.write(buffer, value);
            return;
        } finally {
            if (bson.capacity() > ENCODING_KEPT_BYTES) {
                ENCODING.remove();
            }
        }
        buffer.put(tag).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), bson.readableBytes());
    }

    @Override
    public Object read(ByteBuffer buffer) {
        byte tag = buffer.get(buffer.position());
        return switch (tag) {
            case OBJECT_ID -> {
                byte[] id = new byte[12];
                buffer.get();
                buffer.get(id);
                yield new ObjectId(id);
            }
            case DOCUMENT -> readBson(buffer);
            case KEY -> {
                Document fields = readBson(buffer);
                List<Object> values = new ArrayList<>(fields.values());
                yield new KeyValue(values);
            }
            default -> super.read(buffer);
        };
    }

    private static Document readBson(ByteBuffer buffer) {
        buffer.get();
        int at = buffer.position();
        // BSON's length prefix is little-endian, whatever order the page buffer reads in.
        int length = (buffer.get(at) & 0xff) | (buffer.get(at + 1) & 0xff) << 8 | (buffer.get(at + 2) & 0xff) << 16
                | (buffer.get(at + 3) & 0xff) << 24;
        ByteBuffer slice = buffer.slice();
        slice.limit(length);
        buffer.position(buffer.position() + length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(slice));
    }

    @Override
    public int getMemory(Object value) {
        return value instanceof Document document ? DocumentSize.estimate(document) : super.getMemory(value);
    }

    private static boolean isBsonKey(KeyValue key) {
        for (Object value : key) {
            if (value != null && !BSON_KEY_VALUES.contains(value.getClass())) {
                return false;
            }
        }
        return true;
    }
}
