package io.genjin.store;

import java.util.function.Consumer;

/**
 * Tells a listener, in the writing thread, each document of a collection the moment a write changed
 * it, so that the listener can drop what it kept of it ({@link RecordCache}). Only a store that sees
 * every write can say this: the embedded one, whose data file one process holds and whose every
 * command, from this process or over the wire, runs in it. A real MongoDB is written by other
 * processes too; it has {@link #NONE}, and nothing is kept.
 */
public interface DocumentChanges {
    /** A store that does not see every write: no listener is ever told anything, so nothing may be kept. */
    DocumentChanges NONE = new DocumentChanges() {
        @Override
        public boolean complete() {
            return false;
        }

        @Override
        public void listen(String database, String collection, Consumer<Object> changed) {
        }
    };

    /** Whether every write is told: what a listener keeps is then only as stale as its last notice. */
    boolean complete();

    /**
     * After each write that added, changed or removed a document of the collection, in the writing
     * thread and before the write is acknowledged: the document's stored {@code _id}, or null when the
     * whole collection may have changed (dropped, renamed). A listener must be quick and never block
     * on a store command.
     */
    void listen(String database, String collection, Consumer<Object> changed);
}
