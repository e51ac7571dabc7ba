package io.genjin.store.mail;

import com.mongodb.client.gridfs.model.GridFSFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;

/**
 * Raw RFC 5322 messages exactly as received, keyed by their content hash: the same bytes seen in
 * two mailboxes are kept once, and keeping them again is a no-op.
 */
public class RawMessages {
    private final GridFsTemplate fs;

    RawMessages(GridFsTemplate fs) {
        this.fs = fs;
    }

    public boolean has(String key) {
        return fs.findOne(byKey(key)) != null;
    }

    /** Stores the content under the key unless it is there already; the stream is read only when it is not. */
    public void keep(String key, InputStreamSource content) {
        if (has(key)) {
            return;
        }
        try (InputStream in = content.open()) {
            fs.store(in, key, "message/rfc822");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<InputStream> open(String key) {
        GridFSFile file = fs.findOne(byKey(key));
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
        return Optional.ofNullable(fs.findOne(byKey(key))).map(GridFSFile::getLength);
    }

    private static Query byKey(String key) {
        return Query.query(Criteria.where("filename").is(key));
    }

    /** Content that can be opened when needed. */
    @FunctionalInterface
    public interface InputStreamSource {
        InputStream open() throws IOException;
    }
}
