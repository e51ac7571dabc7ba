package io.genjin.app.store;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.genjin.store.embedded.EmbeddedBackend;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.types.Binary;

/**
 * Values between the driver's documents and the embedded server's, as the wire would carry them:
 * what the driver encodes a value to and the server decodes it from is what arrives, without the
 * bytes in between. The common types (strings, numbers, booleans, dates, object ids, plain binary,
 * documents, arrays) are copied directly; any other value goes through BSON, encoded by the
 * collection's own codecs and decoded by the server's decoder (or back), so it arrives exactly as
 * over the wire.
 */
final class StoreValues {
    /**
     * The driver refuses a document over 16 MiB. A document whose text and binary may reach this
     * many bytes is left to the driver (three bytes a character is UTF-8's worst case), which
     * measures it exactly and refuses it as before.
     */
    static final long LEFT_TO_THE_DRIVER_BYTES = 15L * 1024 * 1024;

    private final Codec<Document> documentCodec;
    private long bytes;

    private StoreValues(CodecRegistry codecs) {
        this.documentCodec = codecs.get(Document.class);
    }

    /** The server's copy of a document, or null when it may be too large to send (see {@link #LEFT_TO_THE_DRIVER_BYTES}). */
    static de.bwaldvogel.mongo.bson.Document toStore(Map<String, ?> document, CodecRegistry codecs) {
        StoreValues values = new StoreValues(codecs);
        de.bwaldvogel.mongo.bson.Document copy = values.document(document);
        return values.bytes > LEFT_TO_THE_DRIVER_BYTES ? null : copy;
    }

    /** The driver's copy of a document the server answered with. */
    static Document fromStore(de.bwaldvogel.mongo.bson.Document document, CodecRegistry codecs) {
        return new StoreValues(codecs).driverDocument(document);
    }

    private de.bwaldvogel.mongo.bson.Document document(Map<String, ?> document) {
        de.bwaldvogel.mongo.bson.Document copy = new de.bwaldvogel.mongo.bson.Document();
        for (Map.Entry<String, ?> entry : document.entrySet()) {
            bytes += entry.getKey().length() * 3L + 2;
            copy.put(entry.getKey(), toStore(entry.getValue()));
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private Object toStore(Object value) {
        if (value == null || value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof Boolean) {
            bytes += 8;
            return value;
        }
        if (value instanceof String text) {
            bytes += text.length() * 3L + 5;
            return text;
        }
        if (value instanceof Date date) {
            bytes += 8;
            return Instant.ofEpochMilli(date.getTime());
        }
        if (value instanceof org.bson.types.ObjectId id) {
            bytes += 12;
            return new ObjectId(id.toByteArray());
        }
        if (value instanceof Binary binary && binary.getType() == BsonBinarySubType.BINARY.getValue()) {
            bytes += binary.length() + 5L;
            return new BinData(binary.getData());
        }
        if (value instanceof byte[] data) {
            bytes += data.length + 5L;
            return new BinData(data);
        }
        if (value instanceof Document || value instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance)) {
            return document((Map<String, ?>) value);
        }
        if (value instanceof List<?> list && !(value instanceof org.bson.BsonArray)) {
            return each(list, this::toStore);
        }
        return throughBsonToStore(value);
    }

    /** As the wire carries it: encoded by the collection's codecs, decoded by the server. */
    private Object throughBsonToStore(Object value) {
        RawBsonDocument encoded = new RawBsonDocument(new Document("v", value), documentCodec);
        bytes += encoded.getByteBuffer().remaining();
        return EmbeddedBackend.decode(encoded.getByteBuffer().asNIO()).get("v");
    }

    private Document driverDocument(de.bwaldvogel.mongo.bson.Document document) {
        Document copy = new Document();
        for (Map.Entry<String, Object> entry : document.entrySet()) {
            copy.put(entry.getKey(), fromStore(entry.getValue()));
        }
        return copy;
    }

    private Object fromStore(Object value) {
        if (value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Double || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Instant instant) {
            return new Date(instant.toEpochMilli());
        }
        if (value instanceof ObjectId id) {
            return new org.bson.types.ObjectId(id.toByteArray());
        }
        if (value instanceof BinData binary) {
            return new Binary(binary.getData());
        }
        if (value instanceof de.bwaldvogel.mongo.bson.Document document) {
            return driverDocument(document);
        }
        if (value instanceof List<?> list) {
            return each(list, this::fromStore);
        }
        return throughBsonFromStore(value);
    }

    private static List<Object> each(List<?> list, UnaryOperator<Object> convert) {
        List<Object> copy = new ArrayList<>(list.size());
        for (Object element : list) {
            copy.add(convert.apply(element));
        }
        return copy;
    }

    /** As the wire carries it: encoded by the server, decoded by the collection's codecs. */
    private Object throughBsonFromStore(Object value) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(new de.bwaldvogel.mongo.bson.Document("v", value), buffer);
            try (BsonBinaryReader reader = new BsonBinaryReader(buffer.nioBuffer())) {
                return documentCodec.decode(reader, DecoderContext.builder().build()).get("v");
            }
        } finally {
            buffer.release();
        }
    }
}
