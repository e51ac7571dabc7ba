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
import org.bson.types.ObjectId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Raw RFC 5322 messages exactly as received, keyed by their content hash: the same bytes seen in
 * two mailboxes are kept once, and keeping them again is a no-op.
 *
 * <p>Why two places: most mail is small, and a GridFS file costs a files document, a chunk and
 * (on the embedded server, which builds no index on {@code filename}) a collection scan to find it
 * again. A message up to {@link #INLINE_MAX_BYTES} is one document in {@code raw_messages}; a
 * larger one is a GridFS file in the {@code raw} bucket, streamed in chunks, with the key as its
 * {@code _id}.
 *
 * <p>An inline document has an ObjectId {@code _id}, minted as it is kept, and its key in {@code key}
 * (unique, index {@code raw_key}). Content hashes are random: as the {@code _id} they sent every new
 * message to a random page of the collection, which the embedded store then read back from disk,
 * decoded whole (the raw messages beside it included) and wrote again at the next commit, and raw
 * read back soon after (the search index) was just as scattered. In the order they are kept, new raw
 * messages fill the newest pages. Raw kept earlier is still found and still counts as kept: inline
 * with the key as {@code _id}, and before that in GridFS with the key as file name. A store whose raw
 * messages were first kept in this layout is marked so ({@link MailArchive}), and only a store
 * without the mark pays for those two look-ups: one more query for every message kept, and for a
 * large one a scan of the files on the embedded server.
 */
public class RawMessages {
    /** Below a GridFS chunk (255 KiB): one document instead of a file and its chunks. */
    static final int INLINE_MAX_BYTES = 128 * 1024;
    static final String INLINE = "raw_messages";
    static final String KEY = "key";
    private final MongoOperations mongo;
    private final KeyedFiles files;
    /** Whether raw may have been kept in an earlier layout here (the store is not marked as begun in this one). */
    private final boolean earlierLayouts;

    RawMessages(MongoOperations mongo, KeyedFiles files, boolean earlierLayouts) {
        this.mongo = mongo;
        this.files = files;
        this.earlierLayouts = earlierLayouts;
    }

    public boolean has(String key) {
        return inline(key, true) != null || files.find(key) != null;
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
                if (earlierLayouts && mongo.findOne(idOnly(byId(key)), Document.class, INLINE) != null) {
                    return false; // kept before keys had their own field
                }
                try {
                    // The document as it is stored, without the mapping's copy and events: every message is one.
                    Document inline = new Document("_id", new ObjectId()).append(KEY, key).append("length", (long) head.length)
                            .append("content", new Binary(head));
                    mongo.execute(INLINE, c -> c.insertOne(inline));
                    return true;
                } catch (DuplicateKeyException kept) {
                    return false; // the same bytes, kept before (or by a concurrent ingest)
                }
            }
            if (file(key) != null) {
                return false;
            }
            return files.store(key, "message/rfc822", null, new SequenceInputStream(new ByteArrayInputStream(head), in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<InputStream> open(String key) {
        Document inline = inline(key, false);
        if (inline != null) {
            return Optional.of(new ByteArrayInputStream(inline.get("content", Binary.class).getData()));
        }
        GridFSFile file = file(key);
        if (file == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(files.open(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Long> size(String key) {
        Document inline = inline(key, false);
        if (inline != null) {
            return Optional.of(((Number) inline.get("length")).longValue());
        }
        return Optional.ofNullable(file(key)).map(GridFSFile::getLength);
    }

    /** By key as {@code _id}; else the layout before inline storage (file name, a scan on the embedded server). */
    private GridFSFile file(String key) {
        GridFSFile file = files.find(key);
        return file != null || !earlierLayouts ? file : files.named(key);
    }

    /** The inline document of this key (its {@code _id} alone when {@code idOnly}): by key, else kept with the key as {@code _id}. */
    private Document inline(String key, boolean idOnly) {
        Query byKey = Query.query(Criteria.where(KEY).is(key));
        Document found = mongo.findOne(idOnly ? idOnly(byKey) : byKey, Document.class, INLINE);
        return found != null || !earlierLayouts ? found : mongo.findOne(idOnly ? idOnly(byId(key)) : byId(key), Document.class, INLINE);
    }

    private static Query idOnly(Query query) {
        query.fields().include("_id");
        return query;
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
