package io.genjin.store.mail;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.bson.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.data.mongodb.gridfs.GridFsUpload;

/**
 * Attachment content in GridFS, under a caller's stable key (message and part), up to a size limit.
 * The key is the file's {@code _id}, so finding it is a primary-key lookup on every server (the
 * embedded one builds no index on {@code filename} and would scan). Attachments stored before
 * have ObjectId ids, which {@link #open} still reads.
 */
public class Attachments {
    private final GridFsTemplate fs;

    Attachments(GridFsTemplate fs) {
        this.fs = fs;
    }

    /**
     * Stores the content unless the key is stored already; returns the stored id, or null when the
     * content is larger than {@code maxBytes} (nothing is kept then). Always consumes the stream.
     */
    public String store(String key, String name, String type, InputStream content, long maxBytes) {
        var existing = fs.findOne(Query.query(Criteria.where("_id").is(key)));
        try {
            if (existing != null) {
                content.transferTo(OutputStream.nullOutputStream());
                return key;
            }
            Limited limited = new Limited(content, maxBytes);
            try {
                Document meta = new Document("name", name);
                fs.store(GridFsUpload.fromStream(limited).id(key).filename(key).contentType(type).metadata(meta).build());
                return key;
            } catch (RuntimeException e) {
                if (!limited.exceeded) {
                    throw e;
                }
                fs.delete(Query.query(Criteria.where("_id").is(key)));
                content.transferTo(OutputStream.nullOutputStream());
                return null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InputStream open(String id) throws IOException {
        Object key = org.bson.types.ObjectId.isValid(id) ? new org.bson.types.ObjectId(id) : id;
        var file = fs.findOne(Query.query(Criteria.where("_id").is(key)));
        if (file == null) {
            throw new IOException("no attachment " + id);
        }
        return fs.getResource(file).getInputStream();
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
