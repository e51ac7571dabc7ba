package io.genjin.store;

import org.bson.types.ObjectId;

/** Identifiers are ObjectId hex strings, minted by the application so records stay immutable. */
public final class Ids {
    private Ids() {
    }

    public static String newId() {
        return new ObjectId().toHexString();
    }
}
