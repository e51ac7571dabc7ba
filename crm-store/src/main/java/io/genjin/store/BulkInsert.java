package io.genjin.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Inserts many documents in one round trip, unordered, keeping going past duplicates (a unique
 * index refusing one of them) and returning the ones that went in. A scan that raises thousands of
 * tasks would otherwise pay a round trip per document.
 */
public final class BulkInsert {
    private static final int DUPLICATE_KEY = 11000;

    private BulkInsert() {
    }

    public static <T> List<T> skippingDuplicates(MongoOperations mongo, Class<T> type, List<T> documents) {
        if (documents.isEmpty()) {
            return List.of();
        }
        try {
            mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type).insert(documents).execute();
            return List.copyOf(documents);
        } catch (BulkOperationException e) {
            Set<Integer> refused = new HashSet<>();
            e.getErrors().forEach(error -> {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                refused.add(error.getIndex());
            });
            List<T> inserted = new ArrayList<>();
            for (int i = 0; i < documents.size(); i++) {
                if (!refused.contains(i)) {
                    inserted.add(documents.get(i));
                }
            }
            return inserted;
        }
    }
}
