package io.genjin.store.mail;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Attachment content under a caller's stable key (message and part), up to a size limit. Like raw
 * messages ({@link RawMessages}), small content (most signatures, logos, PDFs of a page or two) is
 * one document in {@code attachment_contents}, written with one insert whose unique {@code _id}
 * says "kept before"; larger content is a GridFS file in the {@code attachments} bucket, streamed in
 * chunks, with the key as its {@code _id}. Attachments stored before inline storage existed are
 * GridFS files (some with ObjectId ids), which {@link #open} still reads.
 */
public class Attachments {
    static final int INLINE_MAX_BYTES = 128 * 1024;
    static final String INLINE = "attachment_contents";
    private final MongoOperations mongo;
    private final KeyedFiles files;

    Attachments(MongoOperations mongo, KeyedFiles files) {
        this.mongo = mongo;
        this.files = files;
    }

    /**
     * Stores the content unless the key is stored already; returns the stored id, or null when the
     * content is larger than {@code maxBytes} (nothing is kept then). Always consumes the stream.
     */
    public String store(String key, String name, String type, InputStream content, long maxBytes) {
        try {
            byte[] head = content.readNBytes((int) Math.min(INLINE_MAX_BYTES, maxBytes) + 1);
            if (head.length <= INLINE_MAX_BYTES && head.length <= maxBytes) {
                try {
                    // The document as it is stored, without the mapping's copy and events (as RawMessages.keep).
                    Document inline = new Document("_id", key).append("name", name).append("contentType", type)
                            .append("length", (long) head.length).append("content", new Binary(head));
                    mongo.execute(INLINE, c -> c.insertOne(inline));
                } catch (DuplicateKeyException kept) {
                    // the same part of the same message, kept before
                }
                return key;
            }
            if (head.length > maxBytes) {
                content.transferTo(OutputStream.nullOutputStream());
                return null;
            }
            if (files.find(key) != null) {
                content.transferTo(OutputStream.nullOutputStream());
                return key;
            }
            Limited limited = new Limited(new SequenceInputStream(new ByteArrayInputStream(head), content), maxBytes);
            try {
                if (!files.store(key, type, new Document("name", name), limited)) {
                    content.transferTo(OutputStream.nullOutputStream()); // stored by another write meanwhile
                }
                return key;
            } catch (RuntimeException e) {
                if (!limited.exceeded) {
                    throw e;
                }
                content.transferTo(OutputStream.nullOutputStream());
                return null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InputStream open(String id) throws IOException {
        boolean objectId = org.bson.types.ObjectId.isValid(id);
        if (!objectId) {
            Document inline = mongo.findOne(byId(id), Document.class, INLINE);
            if (inline != null) {
                return new ByteArrayInputStream(inline.get("content", Binary.class).getData());
            }
        }
        var file = files.find(objectId ? new org.bson.types.ObjectId(id) : id);
        if (file == null) {
            throw new IOException("no attachment " + id);
        }
        return files.open(file);
    }

    private static Query byId(Object id) {
        return Query.query(Criteria.where("_id").is(id));
    }

    /** Fails the upload once more than the limit has been read. */
    private static final class Limited extends FilterInputStream {
        private final long max;
        private long count;
        boolean exceeded;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            check(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            check(Math.max(n, 0));
            return n;
        }

        private void check(int n) {
            count += n;
            if (count > max) {
                exceeded = true;
                throw new IllegalStateException("attachment larger than " + max + " bytes");
            }
        }
    }
}
