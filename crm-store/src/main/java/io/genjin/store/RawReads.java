package io.genjin.store;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import java.util.List;
import java.util.function.Consumer;
import org.bson.BsonBinaryReader;
import org.bson.BsonReader;
import org.bson.RawBsonDocument;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Documents read as their stored BSON, without decoding them into maps: for readers that walk many
 * small documents and want a few fields of each (the reports' rollups). The MongoDB driver stays in
 * this module.
 */
public final class RawReads {
    private RawReads() {
    }

    /**
     * The documents of {@code collection} with these ids, each handed to {@code walk} as a BSON reader
     * positioned before it: one {@code _id $in} query per {@code batch} ids, answered from the primary key.
     */
    public static void byIds(MongoOperations mongo, String collection, List<String> ids, int batch,
            Consumer<BsonReader> walk) {
        byField(mongo, collection, "_id", ids, batch, walk);
    }

    /**
     * The documents of {@code collection} whose {@code field} holds one of these values, each handed to
     * {@code walk} as {@link #byIds} does: one {@code $in} query per {@code batch} values (answered from an
     * index whose first field is {@code field}, where there is one).
     */
    public static void byField(MongoOperations mongo, String collection, String field, List<String> values, int batch,
            Consumer<BsonReader> walk) {
        for (int i = 0; i < values.size(); i += batch) {
            try (MongoCursor<RawBsonDocument> docs = mongo.getCollection(collection).withDocumentClass(RawBsonDocument.class)
                    .find(Filters.in(field, values.subList(i, Math.min(values.size(), i + batch)))).iterator()) {
                while (docs.hasNext()) {
                    try (BsonBinaryReader reader = new BsonBinaryReader(docs.next().getByteBuffer().asNIO())) {
                        walk.accept(reader);
                    }
                }
            }
        }
    }
}
