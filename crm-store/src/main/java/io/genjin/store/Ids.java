package io.genjin.store;

import org.bson.types.ObjectId;

/** Identifiers are ObjectId hex strings, minted by the application so records stay immutable. */
public final class Ids {
    private Ids() {
    }

    public static String newId() {
        return new ObjectId().toHexString();
    }

    /**
     * An id as Spring Data's mapping stores it in {@code _id}: an ObjectId when the text is one, else
     * the text. For queries written as plain documents, which the mapping does not convert.
     */
    public static Object stored(String id) {
        return ObjectId.isValid(id) ? new ObjectId(id) : id;
    }
}
