package io.genjin.app.events;

import java.util.function.LongSupplier;

/**
 * Work this process has accepted and not finished in the background: domain events its listeners have
 * still to handle, messages its search index has still to make searchable. A short-lived process (an
 * import from the command line) waits for every backlog to reach zero before it stops, so what it
 * reports as imported is also followed up and searchable, and nothing is left for the next start.
 */
public interface Backlog {
    /** What is waiting, in a few words a person reads ("domain events", "messages to index for search"). */
    String what();

    /** How much is waiting now; 0 when this backlog is done. */
    long remaining();

    static Backlog of(String what, LongSupplier remaining) {
        return new Backlog() {
            @Override
            public String what() {
                return what;
            }

            @Override
            public long remaining() {
                return remaining.getAsLong();
            }
        };
    }
}
