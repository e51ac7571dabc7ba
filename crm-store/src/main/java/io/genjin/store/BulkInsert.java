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
        return picked(documents, refused(() -> mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type), documents), false);
    }

    /**
     * Inserts the documents into a collection as {@link #skippingDuplicates} does and returns those a
     * unique index refused, in their order: the ones stored before, for a caller that writes them again.
     */
    public static <T> List<T> duplicates(MongoOperations mongo, String collection, List<T> documents) {
        return picked(documents, refused(() -> mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection), documents), true);
    }

    /** The documents at the refused positions ({@code refusedOnes}), or at every other position, in order. */
    private static <T> List<T> picked(List<T> documents, Set<Integer> refused, boolean refusedOnes) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            if (refused.contains(i) == refusedOnes) {
                out.add(documents.get(i));
            }
        }
        return out;
    }

    /** The positions of the documents refused as duplicates; any other error is thrown. */
    private static Set<Integer> refused(java.util.function.Supplier<BulkOperations> bulk, List<?> documents) {
        if (documents.isEmpty()) {
            return Set.of();
        }
        try {
            bulk.get().insert(documents).execute();
            return Set.of();
        } catch (BulkOperationException e) {
            Set<Integer> refused = new HashSet<>();
            e.getErrors().forEach(error -> {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                refused.add(error.getIndex());
            });
            return refused;
        }
    }
}
