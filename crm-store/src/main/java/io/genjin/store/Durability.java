package io.genjin.store;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Makes acknowledged writes durable before the caller tells anyone they are safe (an SMTP 250, an
 * IMAP checkpoint, an API response). A real MongoDB does this per write through its write concern,
 * so its implementation does nothing; the embedded store commits its file.
 */
@FunctionalInterface
public interface Durability {
    Durability WRITE_CONCERN = () -> { };

    void flush();

    /**
     * Inserts the document and returns once it is durable: an insert, then {@link #flush()}. On
     * MongoDB the insert's write concern makes it durable; on the embedded store the insert runs in
     * its own process (without the driver and the wire protocol, as every frequent command does there)
     * and the flush commits it.
     */
    default void insertDurably(MongoOperations mongo, String collection, Document document) {
        mongo.insert(document, collection);
        flush();
    }
}
