package io.genjin.store.mail;

import com.mongodb.client.gridfs.model.GridFSFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.data.mongodb.gridfs.GridFsUpload;

/**
 * Raw RFC 5322 messages exactly as received, keyed by their content hash: the same bytes seen in
 * two mailboxes are kept once, and keeping them again is a no-op.
 *
 * <p>Why two places: most mail is small, and a GridFS file costs a files document, a chunk and
 * (on the embedded server, which builds no index on {@code filename}) a collection scan to find it
 * again. A message up to {@link #INLINE_MAX_BYTES} is one document in {@code raw_messages}; a
 * larger one is a GridFS file in the {@code raw} bucket, streamed in chunks. Both are found by
 * their key as {@code _id}, which every server answers from its primary key. Raw kept before this
 * layout (GridFS, ObjectId {@code _id}, key as file name) is still read, by file name.
 */
public class RawMessages {
    /** Below a GridFS chunk (255 KiB): one document instead of a file and its chunks. */
    static final int INLINE_MAX_BYTES = 128 * 1024;
    static final String INLINE = "raw_messages";
    private final MongoOperations mongo;
    private final GridFsTemplate fs;

    RawMessages(MongoOperations mongo, GridFsTemplate fs) {
        this.mongo = mongo;
        this.fs = fs;
    }

    public boolean has(String key) {
        Query id = byId(key);
        id.fields().include("_id");
        return mongo.findOne(id, Document.class, INLINE) != null || fs.findOne(byId(key)) != null;
    }

    /**
     * Stores the content under the key unless it is there already; returns whether it was new. Never
     * holds the stream whole: at most the inline limit is buffered. A small message is one insert
     * that the unique {@code _id} turns into "already kept" (no lookup first: one round trip); a
     * large one is looked for in GridFS before it is streamed there.
     */
    public boolean keep(String key, InputStreamSource content) {
        try (InputStream in = content.open()) {
            byte[] head = in.readNBytes(INLINE_MAX_BYTES + 1);
            if (head.length <= INLINE_MAX_BYTES) {
                try {
                    mongo.insert(new Document("_id", key).append("length", (long) head.length).append("content", new Binary(head)),
                            INLINE);
                    return true;
                } catch (DuplicateKeyException kept) {
                    return false; // the same bytes, kept before (or by a concurrent ingest)
                }
            }
            if (file(key) != null) {
                return false;
            }
            fs.store(GridFsUpload.fromStream(new SequenceInputStream(new ByteArrayInputStream(head), in)).id(key)
                    .filename(key).contentType("message/rfc822").build());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<InputStream> open(String key) {
        Document inline = mongo.findOne(byId(key), Document.class, INLINE);
        if (inline != null) {
            return Optional.of(new ByteArrayInputStream(inline.get("content", Binary.class).getData()));
        }
        GridFSFile file = file(key);
        if (file == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(fs.getResource(file).getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Long> size(String key) {
        Document inline = mongo.findOne(byId(key), Document.class, INLINE);
        if (inline != null) {
            return Optional.of(((Number) inline.get("length")).longValue());
        }
        return Optional.ofNullable(file(key)).map(GridFSFile::getLength);
    }

    /** By key as {@code _id}; else the layout before inline storage (file name, a scan on the embedded server). */
    private GridFSFile file(String key) {
        GridFSFile file = fs.findOne(byId(key));
        return file != null ? file : fs.findOne(Query.query(Criteria.where("filename").is(key)));
    }

    private static Query byId(String key) {
        return Query.query(Criteria.where("_id").is(key));
    }

    /** Content that can be opened when needed. */
    @FunctionalInterface
    public interface InputStreamSource {
        InputStream open() throws IOException;
    }
}
