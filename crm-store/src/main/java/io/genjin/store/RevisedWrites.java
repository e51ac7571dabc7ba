package io.genjin.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Documents that carry their revision, written only over the revision they were read at: several
 * processes may update the same small document by reading it, changing it and writing it back, and
 * none of them loses another's change. One unordered bulk write for all of them.
 */
public final class RevisedWrites {
    private static final int DUPLICATE_KEY = 11000;

    private RevisedWrites() {
    }

    /**
     * One document to write: {@code readAt} is the revision it had when read (null: there was none,
     * and it is inserted); the document carries its new revision itself.
     */
    public record Revised(Document document, Long readAt) {
    }

    /**
     * Writes each document: an insert where none was read, else a replace of the stored one while its
     * {@code field} still holds the revision it was read at. Returns whether every one was written; false
     * when another writer got to at least one of them first (a duplicate id refused, a replace that
     * matched nothing), and the caller reads them again and retries. Any other error is thrown.
     */
    public static boolean write(MongoOperations mongo, String collection, String field, List<Revised> writes) {
        if (writes.isEmpty()) {
            return true;
        }
        List<WriteModel<Document>> models = new ArrayList<>(writes.size());
        int replaces = 0;
        for (Revised w : writes) {
            if (w.readAt() == null) {
                models.add(new InsertOneModel<>(w.document()));
            } else {
                replaces++;
                // a plain document as the filter: the in-process store answers it without the wire protocol
                models.add(new ReplaceOneModel<>(new Document("_id", w.document().get("_id")).append(field, w.readAt()),
                        w.document()));
            }
        }
        BulkWriteResult result;
        boolean refused = false;
        try {
            result = mongo.execute(collection, c -> c.bulkWrite(models, new BulkWriteOptions().ordered(false)));
        } catch (RuntimeException thrown) {
            // the driver's own exception, or Spring's translation of it
            MongoBulkWriteException e = thrown instanceof MongoBulkWriteException b ? b
                    : thrown.getCause() instanceof MongoBulkWriteException b ? b : null;
            if (e == null || e.getWriteErrors().stream().anyMatch(error -> error.getCode() != DUPLICATE_KEY)) {
                throw thrown;
            }
            refused = true;
            result = e.getWriteResult();
        }
        return !refused && result.getMatchedCount() == replaces;
    }
}
