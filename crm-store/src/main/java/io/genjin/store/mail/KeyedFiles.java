package io.genjin.store.mail;

import com.mongodb.client.gridfs.model.GridFSFile;
import java.io.IOException;
import java.io.InputStream;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.data.mongodb.gridfs.GridFsUpload;

/**
 * A GridFS bucket whose files have the caller's key as {@code _id}, written so that a write cut short
 * never blocks the next one.
 *
 * <p>GridFS writes a file's chunks first and its files document last, and the driver removes the
 * chunks of a failed upload only when reading the source failed. A process killed between the two,
 * or a store error on a chunk, leaves chunks under the key with no files document. Written again, the
 * file's first chunk then collides with the unique {@code (files_id, n)} index, every time. So a
 * store under a key with no file first removes the chunks under it, and a failed store removes its own.
 *
 * <p>Callers key a file by what it holds (a content hash, or one part of one stored message), so two
 * writes of one key write the same bytes; a write that finds the file finished by another is "kept".
 */
final class KeyedFiles {
    private final MongoOperations mongo;
    private final GridFsTemplate fs;
    private final String chunks;

    KeyedFiles(MongoTemplate mongo, String bucket) {
        this.mongo = mongo;
        this.fs = new GridFsTemplate(mongo.getMongoDatabaseFactory(), mongo.getConverter(), bucket);
        this.chunks = bucket + ".chunks";
    }

    GridFSFile find(Object id) {
        return fs.findOne(byId(id));
    }

    /** The file with this name: how files were found before they had their key as id. */
    GridFSFile named(String name) {
        return fs.findOne(Query.query(Criteria.where("filename").is(name)));
    }

    /**
     * Streams the content into a file under the key, which the caller found without one ({@link #find}):
     * chunks under it are then a cut-short write's, and are removed first. Returns false when another
     * write of the same key finished meanwhile. A failure of the source or the store is thrown, with no
     * chunk of this key left behind.
     */
    boolean store(String key, String type, Document metadata, InputStream content) {
        removeChunks(key);
        try {
            var upload = GridFsUpload.fromStream(content).id(key).filename(key).contentType(type);
            fs.store((metadata == null ? upload : upload.metadata(metadata)).build());
            return true;
        } catch (RuntimeException e) {
            if (find(key) != null) {
                return false; // its files document is written last: another write of the key finished
            }
            removeChunks(key);
            throw e;
        }
    }

    /** Opens a file found by {@link #find}. */
    InputStream open(GridFSFile file) throws IOException {
        return fs.getResource(file).getInputStream();
    }

    /** The chunks under a key that has no file: left by a write that was cut short, or this one's. */
    private void removeChunks(String key) {
        mongo.remove(Query.query(Criteria.where("files_id").is(key)), chunks);
    }

    private static Query byId(Object id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
